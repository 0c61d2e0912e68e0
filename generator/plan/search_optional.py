"""The words a search query need not match: a language's function words (articles, prepositions, conjunctions,
pronouns, forms of "be", "do" and "can", question words), which readers type in questions ("what is power fx",
"how to share a canvas app") but a story that answers them need not hold. The search page ranks by them and
never leaves a story out for lacking one (themes/default/static/search/search.js); a phrase in quotes keeps
every word, and a query of these words alone needs them all. meta.json's "optional" lists them, folded, for
the site's language (generator/plan/search.py plan_index).

A list, not a share of the stories: on a site about one subject its own words are in nearly every story and the
question words in few (on ../shared's Power Apps corpus "power" and "microsoft" are in every story, "what" in
3%, "how" in 11%), so a rule by document frequency would make the subject optional and the questions required.
Words of negation (no, not, nicht, pas, não) are left out: they change what is asked. Languages not here keep
every word required; Japanese, Chinese and the other scripts written without spaces have one letter a term.
"""

from __future__ import annotations

_WORDS = {
    "en": "about an and are as at be been but by can could did do does doing for from had has have how if in into is "
          "it its me my of on or our should so than that the their them then there these they this those to us was we "
          "were what when where which who whom whose why will with would you your",
    "de": "aber als am an auf aus bei bin bis das dass dein deine dem den der des die du ein eine einem einen einer "
          "eines er es für hat haben ich ihr im in ist kann können man mein meine mich mir mit nach ob oder sich sie "
          "sind so soll sollte über um und uns vom von war warum was wer werden weshalb wie wieso wir wird wo wann "
          "welche welcher welches zu zum zur",
    "fr": "au aux avec ce ces comment dans de des du elle elles en est et être il ils je la le les leur lui ma mais me "
          "mes moi mon nous on ou où par peut peux pour pourquoi qu que quel quelle quelles quels qui quand sa se ses "
          "son sont sur ta te tes toi ton tu un une vos votre vous",
    "es": "al como con cual cuales cuando de del donde el en es esta este esto están hay la las le les lo los me mi mis "
          "para pero por porque puede puedo que quien se si son su sus te tu un una unas unos yo",
    "pt": "ao aos as às com como da das de do dos em eu está esta este isso meu minha na nas no nos num numa onde os "
          "para pela pelas pelo pelos pode posso por porque qual quais quando que quem se ser seu sua seus suas são "
          "um uma umas uns você",
    "it": "al alla che chi ci come con cosa da dal dalla dei del della delle di dove ed gli il in la le lo mi mia mio "
          "nel nella per perché posso può quando si sono su sul sulla ti tra fra un una uno",
    "nl": "aan bij dat de deze die dit een en er het hoe ik in is je jij kan kunnen met mijn naar of om op te van "
          "voor waar waarom wanneer was wat welke wie zijn",
}


def optional_words(language: str) -> tuple[str, ...]:
    """The function words of a BCP 47 language tag ("en-GB" -> English's), as written; () for a language
    without a list. (Words of one letter are none: the tokeniser drops them.)"""
    return tuple(_WORDS.get(language.split("-")[0].split("_")[0].lower(), "").split())
