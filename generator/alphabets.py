"""The letters of Latin-script alphabets whose index does not follow English's A to Z: Turkish lists Ç after C and
İ after I, Polish Ł after L, Swedish Å Ä Ö after Z, Spanish Ñ after N, Lithuanian Y with I. For each language whose
order differs from Unicode's default (CLDR's root collation), the capital letters of Latin-1 and Latin Extended-A
(and Romanian's comma-below Ș Ț) in that language's order, in groups a reader files under one heading: the group's
first letter. A letter written with two or three (Czech CH after H, Hungarian CS and DZS, Welsh LL, Croatian DŽ,
Danish AA as Å) is a group of its own, written with a "/" before each of its letters (/CH, /Å/AA): its heading is
its first letter as a heading writes it (Ch, Dzs). Written from the browsers' collation (ICU's, as `Intl.Collator`),
which tests/test_index_pages.py reads again from node and compares: a new CLDR release that moves a letter shows
there as a failing test, whose message is the table to paste here. Languages not listed file a letter under its
base letter (É under E), as before.
"""

from __future__ import annotations

from functools import lru_cache

from generator.languages import fallbacks, in_capitals

ALPHABETS = {
    "az": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊ Ç DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ə Ǝ Ɛ F GĜǦĠĢ Ğ HĤȞĦ X IÍÌĬÎÏĨĮĪ İ Ĳ JĴ KǨĶ Q Ƙ LĹĽĻŁĿ M NŃŇÑŅ "
        "Ɲ Ŋ OÓÒŎÔŐÕØŌƠ Œ Ö Ɔ P RŔŘŖ SŚŜŠȘ Ş Ʃ TŤŢȚ Ŧ UÚÙŬÛŮŰŨŲŪƯ Ü V YÝŶŸ Ƴ ZŹŽŻ WŴ ƷǮ Þ"),
    "blo": ("AÁÀĂÂÅÄÃĄĀ Æ Ǝ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ə Ɛ F GĞĜǦĠĢ /GB HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ /KP Ƙ LĹĽĻŁĿ M "
        "NŃŇÑŅ /NY Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ /SH Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "br": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ /CH DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "bs": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĈĊÇ Č Ć DĎÐ /DŽ Đ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ /LJ M "
        "NŃŇÑŅ /NJ Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŻ Ž ƷǮ Þ"),
    "ceb": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇŅ Ñ /NG Ɲ "
        "Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "cs": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈĊÇ Č DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ /CH IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ "
        "Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŖ Ř SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŻ Ž ƷǮ Þ"),
    "cy": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ /CH DĎĐÐ /DD Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F /FF GĞĜǦĠĢ /NG HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ "
        "/LL M NŃŇÑŅ Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P /PH Q RŔŘŖ /RH SŚŜŠŞȘ Ʃ TŤŢȚ /TH Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "da": ("AÁÀĂÂÃĄĀ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÕŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Þ Ŧ UÚÙŬÛŮŨŲŪƯ V WŴ X YÝŶŸÜŰ Ƴ ZŹŽŻ ƷǮ ÆÄ ØÖŐ /Å/AA"),
    "dsb": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĈĊÇ Č Ć DĎĐÐ Ɗ EÉÈĔÊËĖĘĒ Ě Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ /CH IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ Ł LĹĽĻĿ M NŇÑŅ "
        "Ń Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŘŖ Ŕ SŜŞȘ Š Ś Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŻ Ž Ź ƷǮ Þ"),
    "ee": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆČĈĊÇ DĎĐÐ /DZ Ɗ EÉÈĔĚÊËĖĘĒ Ɛ Ǝ Ə F GĞǦĜĠĢ /GB HȞĤĦ X IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ /KP Ƙ LĹĽĻŁĿ M "
        "NŃŇÑŅ /NY Ŋ Ɲ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŠŜŞȘ Ʃ TŤŢȚ /TS Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "eo": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆČĊÇ Ĉ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞǦĠĢ Ĝ HȞĦ Ĥ IÍÌĬÎÏĨİĮĪ Ĳ J Ĵ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŠŞȘ Ŝ Ʃ TŤŢȚ Ŧ UÚÙÛŮÜŰŨŲŪƯ Ŭ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "es": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇŅ Ñ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "et": ("AÁÀĂÂÅÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔŐØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŞȘ Ʃ Š ZŹŻ Ž TŤŢȚ Ŧ UÚÙŬÛŮŰŨŲŪƯ V WŴ Õ Ä Ö Ü X YÝŶŸ Ƴ ƷǮ Þ"),
    "fi": ("AÁÀĂÂÃĄĀ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅŊ Ɲ "
        "OÓÒŎÔŐÕŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢŦȚ UÚÙŬÛŮŰŨŲŪƯ V WŴ X YÝŶŸÜ Ƴ ZŹŽŻƷǮ Þ Å ÄÆ ÖØ"),
    "fil": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇŅ Ñ /NG Ɲ "
        "Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "fo": ("AÁÀĂÂÃĄĀ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ OÓÒŎÔÕŌƠ "
        "Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Þ Ŧ UÚÙŬÛŮŨŲŪƯ V WŴ X YÝŶŸÜŰ Ƴ ZŹŽŻ ƷǮ ÆÄĘ ØÖŐŒ /Å/AA"),
    "fy": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪYÝŶŸ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X Ƴ ZŹŽŻ ƷǮ Þ"),
    "gl": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇŅ Ñ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "ha": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ /SH Ʃ TŤŢȚ /TS Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "haw": ("AÁÀĂÂÅÄÃĄĀ Æ EÉÈĔÊĚËĖĘĒ IÍÌĬÎÏĨİĮĪ OÓÒŎÔÖŐÕŌƠ UÚÙŬÛŮÜŰŨŲŪƯ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ Ĳ JĴ KǨĶ "
        "Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ Ø Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "hr": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĈĊÇ Č Ć DĎÐ /DŽ Đ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ /LJ M "
        "NŃŇÑŅ /NJ Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŻ Ž ƷǮ Þ"),
    "hsb": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĈĊÇ Č Ć DĎĐÐ Ɗ EÉÈĔÊËĖĘĒ Ě Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ /CH IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ Ł LĹĽĻĿ M "
        "NŃŇÑŅ Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŖ Ř SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŻ Ž Ź ƷǮ Þ"),
    "hu": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ /CS DĎĐÐ /DZ /DZS Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ /GY HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ "
        "LĹĽĻŁĿ /LY M NŃŇÑŅ /NY Ɲ Ŋ OÓÒŎÔÕØŌƠ Œ ÖŐ Ɔ P Q RŔŘŖ SŚŜŠŞȘ /SZ Ʃ TŤŢȚ /TY Ŧ UÚÙŬÛŮŨŲŪƯ ÜŰ V WŴ X YÝŶŸ Ƴ "
        "ZŹŽŻ /ZS ƷǮ Þ"),
    "ig": ("AÁÀĂÂÅÄÃĄĀ Æ B /CH Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ /GB /GH /GW HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ /KP /KW "
        "Ƙ LĹĽĻŁĿ M NŃŇÑŅ /NW /NY Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ /SH Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ "
        "ƷǮ Þ"),
    "is": ("AÀĂÂÃĄĀ Á B Ɓ CĆĈČĊÇ DĎĐ Ð Ɗ EÈĔÊĚËĖĘĒ Ǝ Ə Ɛ É F GĞĜǦĠĢ HĤȞĦ IÌĬÎÏĨİĮĪ Ĳ Í JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÒŎÔŐÕŌƠ Œ Ɔ Ó P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÙŬÛŮÜŰŨŲŪƯ Ú V WŴ X YŶŸ Ƴ Ý ZŹŽŻ ƷǮ Þ ÆÄ ÖØ Å"),
    "kl": ("AÁÀĂÂÃĄĀ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ OÓÒŎÔÕŌƠ "
        "Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Þ Ŧ UÚÙŬÛŮŨŲŪƯ V WŴ X YÝŶŸÜŰ Ƴ ZŹŽŻ ƷǮ ÆÄĘ ØÖŐŒ Å"),
    "ku": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊ Ç DĎĐÐ Ɗ EÈĔĚËĖĘĒ ÊÉ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÌĬÏĨİĮĪ Ĳ ÎÍ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠȘ Ş Ʃ TŤŢȚ Ŧ UŬŮÜŰŨŲŪƯ ÛÚÙ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "lkt": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈĊÇ Č DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜĠĢ Ǧ HĤĦ Ȟ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŻ Ž ƷǮ Þ"),
    "ln": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ɛ Ǝ Ə F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠƆ Œ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "lt": ("AÁÀĂÂÅÄÃĀĄ Æ B Ɓ CĆĈĊÇ Č DĎĐÐ Ɗ EÉÈĔÊĚËĒĘĖ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĪĮYÝŶŸ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ "
        "Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨƯŲŪ V WŴ X Ƴ ZŹŻ Ž ƷǮ Þ"),
    "lv": ("AÁÀĂÂÅÄÃĄ Æ Ā B Ɓ CĆĈĊÇ Č DĎĐÐ Ɗ EÉÈĔÊĚËĖĘ Ē Ǝ Ə Ɛ F GĞĜǦĠ Ģ HĤȞĦ IÍÌĬÎÏĨİĮ Ĳ YÝŶŸ Ī JĴ KǨ Ķ Ƙ LĹĽŁĿ Ļ M "
        "NŃŇÑ Ņ Ɲ Ŋ OÓÒŎÔÖŐÕØƠ Œ Ō Ɔ P Q RŔŘ Ŗ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲƯ Ū V WŴ X Ƴ ZŹŻ Ž ƷǮ Þ"),
    "mt": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ Ċ CĆĈČÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F Ġ GĞĜǦĢ /GĦ HĤȞ Ħ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ "
        "Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ Ż ZŹŽ ƷǮ Þ"),
    "nb": ("AÁÀĂÂÃĄĀ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ OÓÒŎÔÕŌƠ "
        "Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Þ Ŧ UÚÙŬÛŮŨŲŪƯ V WŴ X YÝŶŸÜŰ Ƴ ZŹŽŻ ƷǮ ÆÄĘ ØÖŐŒ /Å/AA"),
    "nn": ("AÁÀĂÂÃĄĀ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ OÓÒŎÔÕŌƠ "
        "Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Þ Ŧ UÚÙŬÛŮŨŲŪƯ V WŴ X YÝŶŸÜŰ Ƴ ZŹŽŻ ƷǮ ÆÄĘ ØÖŐŒ /Å/AA"),
    "no": ("AÁÀĂÂÃĄĀ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ OÓÒŎÔÕŌƠ "
        "Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Þ Ŧ UÚÙŬÛŮŨŲŪƯ V WŴ X YÝŶŸÜŰ Ƴ ZŹŽŻ ƷǮ ÆÄĘ ØÖŐŒ /Å/AA"),
    "nso": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔĚËĖĘĒ Ê Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÖŐÕØŌƠ Œ Ô Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "om": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ /CH /DH /KH /NY /PH ƷǮ Þ"),
    "pl": ("AÁÀĂÂÅÄÃĀ Æ Ą B Ɓ CĈČĊÇ Ć DĎĐÐ Ɗ EÉÈĔÊĚËĖĒ Ę Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻĿ Ł M NŇÑŅ Ń Ɲ "
        "Ŋ OÒŎÔÖŐÕØŌƠ Œ Ó Ɔ P Q RŔŘŖ SŜŠŞȘ Ś Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŽ Ź Ż ƷǮ Þ"),
    "ro": ("AÁÀÅÄÃĄĀ Æ Ă Â B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÏĨİĮĪ Ĳ Î JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠ ŞȘ Ʃ TŤ ŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "se": ("AÀĂÂĄĀ Á B Ɓ CĆĈĊÇ Č Ʒ Ǯ DĎ Ɗ ĐÐ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜĠĢ Ǧ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KĶ Ƙ Ǩ LĹĽĻŁĿ M NŇŅ Ɲ ŊŃÑ "
        "OÓÒŎŌƠ Ɔ P Q RŔŘŖ SŚŜŞȘ Ʃ Š TŤŢȚ ŦÞ UÚÙŬÛŮŨŲŪƯ V WŴ X YÝŶŸÜŰ Ƴ ZŹŻ Ž ØŒ Æ Å ÄÃ ÖŐÕÔ"),
    "sk": ("AÁÀĂÂÅÃĄĀ Æ Ä B Ɓ CĆĈĊÇ Č DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ /CH IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ "
        "Ŋ OÓÒŎÖŐÕØŌƠ Œ Ô Ɔ P Q RŔŖ Ř SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŻ Ž ƷǮ Þ"),
    "sl": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĈĊÇ Č Ć DĎÐ Đ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŻ Ž ƷǮ Þ"),
    "smn": ("AĂĄĀ ÂÀ B Ɓ CĆĈĊÇ Č DĎÐ Đ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŇŅ Ɲ ŊÑŃ "
        "OÓÒŎÔŐÕŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŻ Ž Æ Ø Å Ã Ä Á Ö ƷǮ Þ"),
    "sq": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊ Ç DĎĐÐ Ɗ /DH EÉÈĔÊĚĖĘĒ Ǝ Ə Ɛ Ë F GĞĜǦĠĢ /GJ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ /LL M "
        "NŃŇÑŅ Ɲ Ŋ /NJ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ /RR SŚŜŠŞȘ Ʃ /SH TŤŢȚ Ŧ /TH UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X /XH YÝŶŸ Ƴ ZŹŽŻ /ZH "
        "ƷǮ Þ"),
    "sr-latn": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĈĊÇ Č Ć DĎÐ /DŽ Đ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ /LJ "
        "M NŃŇÑŅ /NJ Ɲ Ŋ OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŻ Ž ƷǮ Þ"),
    "sv": ("AÁÀĂÂÃĄĀ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ OÓÒŎÕŌƠ "
        "Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Þ Ŧ UÚÙŬÛŮŨŲŪƯ V WŴ X YÝŶŸÜŰ Ƴ ZŹŽŻ ƷǮ Å ÄÆĘ ÖØŐŒÔ"),
    "tk": ("AÁÀĂÂÅÃĄĀ Æ B Ɓ CĆĈČĊ Ç DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ä Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ Ž KǨĶ Ƙ LĹĽĻŁĿ M NŃÑŅ Ň Ɲ "
        "Ŋ OÓÒŎÔŐÕØŌƠ Œ Ö Ɔ P Q RŔŘŖ SŚŜŠȘ Ş Ʃ TŤŢȚ Ŧ UÚÙŬÛŮŰŨŲŪƯ Ü V WŴ X YŶŸ Ý Ƴ ZŹŻ ƷǮ Þ"),
    "tn": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔĚËĖĘĒ Ê Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÖŐÕØŌƠ Œ Ô Ɔ P Q RŔŘŖ SŚŜŞȘ Š Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "to": ("AÀĂÂÅÄÃĄÁĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÈĔÊĚËĖĘÉĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÌĬÎÏĨİĮÍĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ /NG/Ŋ Ɲ "
        "OÒŎÔÖŐÕØƠÓŌ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÙŬÛŮÜŰŨŲƯÚŪ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "tr": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊ Ç DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĜǦĠĢ Ğ HĤȞĦ IÍÌĬÎÏĨĮĪ İ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔŐÕØŌƠ Œ Ö Ɔ P Q RŔŘŖ SŚŜŠȘ Ş Ʃ TŤŢȚ Ŧ UÚÙŬÛŮŰŨŲŪƯ Ü V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "uz": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ /SH /CH ƷǮ Þ"),
    "vi": ("AÀÃÁÅÄĄĀ Æ Ă Â B Ɓ CĆĈČĊÇ DĎÐ Đ Ɗ EÈÉĔĚËĖĘĒ Ê Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÌĨÍĬÎÏİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NÑŃŇŅ Ɲ Ŋ "
        "OÒÕÓŎÖŐØŌ Œ Ô Ơ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÙŨÚŬÛŮÜŰŲŪ Ư V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "wo": ("AÁĂÂÅÄÃĄĀ Æ À B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÈĔÊĚĖĘĒ É Ë Ǝ Ə Ɛ F GĞĜǦĠĢ HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇŅ Ñ Ŋ Ɲ "
        "OÒŎÔÖŐÕØŌƠ Œ Ó Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
    "yo": ("AÁÀĂÂÅÄÃĄĀ Æ B Ɓ CĆĈČĊÇ DĎĐÐ Ɗ EÉÈĔÊĚËĖĘĒ Ǝ Ə Ɛ F GĞĜǦĠĢ /GB HĤȞĦ IÍÌĬÎÏĨİĮĪ Ĳ JĴ KǨĶ Ƙ LĹĽĻŁĿ M NŃŇÑŅ Ɲ Ŋ "
        "OÓÒŎÔÖŐÕØŌƠ Œ Ɔ P Q RŔŘŖ SŚŜŠŞȘ Ʃ TŤŢȚ Ŧ UÚÙŬÛŮÜŰŨŲŪƯ V WŴ X YÝŶŸ Ƴ ZŹŽŻ ƷǮ Þ"),
}


@lru_cache(maxsize=64)
def alphabet(language: str) -> dict[str, tuple[int, str]]:
    """Each capital letter the table lists for `language` (a tag: `sr-Latn-RS` as sr-latn, `tr-TR` as tr), and each
    heading, -> (its heading's place, its heading); empty for a language the table does not list."""
    groups = next((ALPHABETS[name] for name in fallbacks(language) if name in ALPHABETS), "")
    found = {}
    for place, group in enumerate(groups.split()):
        letters = group[1:].split("/") if group.startswith("/") else list(group)
        heading = letters[0][0] + letters[0][1:].lower()
        found.update({letter: (place, heading) for letter in [*letters, heading]})
    return found


@lru_cache(maxsize=64)
def _longest(language: str) -> int:
    return max(map(len, alphabet(language)), default=1)


def letter_at(text: str, at: int, language: str) -> tuple[int, tuple[int, str] | None]:
    """The letter of `language`'s alphabet that `text` has at `at`, the longest first (Czech `Ch` in `Chata`, not
    `C`): how many characters it takes and its (place, heading); (1, None) for a character the table does not list."""
    letters = alphabet(language)
    for size in range(min(_longest(language), len(text) - at), 0, -1):
        found = letters.get(in_capitals(text[at : at + size], language))
        if found:
            return size, found
    return 1, None
