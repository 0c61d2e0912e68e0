"""The words a search query need not match: a language's function words (articles, prepositions, conjunctions,
pronouns, forms of "be", "do" and "can", question words), which readers type in questions ("what is power fx",
"how to share a canvas app") but a story that answers them need not hold. The search page ranks by them and
never leaves a story out for lacking one (themes/default/static/search/search.js); a phrase in quotes keeps
every word, and a query of these words alone needs them all. meta.json's "optional" lists them, folded, for
the site's language (generator/plan/search.py plan_index).

A list, not a share of the stories: on a site about one subject its own words are in nearly every story and the
question words in few, so a rule by document frequency would make the subject optional and the questions required
(docs/dev/search.md gives the shares on a real corpus).
Words of negation (no, not, nicht, pas, não) are left out: they change what is asked; so is a word that folds as
one does (Greek πότε, when, is ποτέ, never). Each list is written for this project. Languages not here keep every
word required; Japanese, Chinese and the other scripts written without spaces have one letter a term.
"""

from __future__ import annotations

from generator.languages import primary

_WORDS = {
    "en": "about an and are as at be been but by can could did do does doing for from had has have how if in into is "
          "it its me my of on or our should so than that the their them then there these they this those to us was we "
          "were what when where which who whom whose why will with would you your",
    "de": "aber als am an auf aus bei bin bis das dass dein deine dem den der des die du ein eine einem einen einer "
          "eines er es für hat haben ich ihr im in ist kann können man mein meine mich mir mit nach ob oder sich sie "
          "sind so soll sollte über um und uns vom von war warum was wer werden weshalb wie wieso wir wird wo wann "
          "welche welcher welches zu zum zur",
    # (the elided forms of que and of the conjunctions ending in it, qu'il, jusqu'à, lorsqu'on: "qu", "jusqu"; those of
    # one letter, l' d' j' m' n' s' t' c', are no words to the tokeniser)
    "fr": "au aux avec ce ces comment dans de des du elle elles en est et être il ils je jusqu la le les leur "
          "lorsqu lui ma mais me mes moi mon nous on ou où par peut peux pour pourquoi puisqu qu quoiqu que quel "
          "quelle quelles quels qui quand sa se ses son sont sur ta te tes toi ton tu un une vos votre vous",
    "es": "al como con cual cuales cuando de del donde el en es esta este esto están hay la las le les lo los me "
          "mi mis para pero por porque puede puedo que quien se si son su sus te tu un una unas unos yo",
    "pt": "ao aos as às com como da das de do dos em eu está esta este isso meu minha na nas no nos num numa onde os "
          "para pela pelas pelo pelos pode posso por porque qual quais quando que quem se ser seu sua seus suas são "
          "um uma umas uns você",
    # (and the elided forms of the articles joined to a preposition, dell'anno, all'interno, quest'anno)
    "it": "al all alla che chi ci come con cosa da dal dall dalla dei del dell della delle di dove ed gli il in la le "
          "lo mi mia mio nel nell nella per perché posso può quando quest si sono su sul sull sulla ti tra fra un una "
          "uno",
    "nl": "aan bij dat de deze die dit een en er het hoe ik in is je jij kan kunnen met mijn naar of om op te van "
          "voor waar waarom wanneer was wat welke wie zijn",
    # ("är", is, folds as "år", year, does: a query's "år" ranks but leaves no story out)
    "sv": "att av bli blev blir da de dem den denna deras dessa det detta din dina ditt du där då efter eller en "
          "er ett från för ha hade han hans har hennes hon hos hur jag kan kunna man med men mig min mina mitt när "
          "ni och om oss på sig sin sina sitt ska skall skulle som så till vad var vara varför varit vem vi vid "
          "vilka vilken vilket vill vår vårt våra är",
    "da": "af at blev bliver blive da de dem den denne der deres det dette dig din dine disse dit du efter eller en "
          "er et for fra han hans har havde have hendes hos hun hvad hvem hvilke hvilken hvilket hvis hvor hvordan "
          "hvorfor hvornår jer jeres jeg kan kunne man med men mig min mine mit når og om os på sig sin sine sit "
          "skal skulle som så til var ved vi vil ville vores være været",
    "nb": "av ble bli blir da de dem den denne deg dere deres det dette din dine disse ditt du ei eller en er et "
          "etter for fra ha hadde han hans har hennes hos hun hva hvem hvilke hvilken hvilket hvis hvor hvordan "
          "hvorfor jeg kan kunne man med meg men min mine mitt når og om oss på seg sin sine sitt skal skulle som "
          "så til var ved vi vil ville vår vårt våre være vært",
    "nn": "av bli blir dei deira deg den denne dersom desse det dette di din dine ditt du dykk dykkar då eg ei ein "
          "eit eller er etter for frå ha hadde han hans har hennar hjå ho kan kor korleis kunne kva kven kvifor me "
          "med meg men mi min mine mitt når og om oss på seg si sin sine sitt skal skulle som så til var vart ved "
          "vere vert vi vil ville viss vore vår vårt våre",
    # ("mikä", what, folds as the name Mika does: a query for Mika ranks by it but needs the other words)
    "fi": "he heidän hän hänen ja joka jonka jos jossa jotka kanssa kenen ketkä koska kuin kuinka kuka kun me "
          "meidän mihin miksi mikä milloin millainen minun minä missä mistä mitkä mitä miten mutta ne niitä nuo "
          "nämä oli oliko olivat olla ollut olemme olen olet olette on onko ovat ovatko se sekä sen sinun sinä sitä "
          "tai te teidän tuo tämä tämän tätä voidaan voiko voin voit voivat että",
    "pl": "albo ale bo być był była było byli będzie ci cię co czego czy czym dla do dlaczego gdy gdzie go ich ile "
          "im jak jaka jaki jakie jego jej jest jestem jeśli jeżeli kiedy kto która które który którzy lub mi mnie "
          "mogą mogę może można mój moja moje my na nad nam nas nasz nasza nasze od on ona one oni ono oraz po pod "
          "przez przy są się ta te tego tej ten to twój twoja twoje ty tym we wy za ze że",
    "cs": "aby ale bude byl byla byli bylo být co či do je jeho jejich její jak jaká jaké jaký jestli jsem jsi jsme "
          "jste jsou kde kdo kdy když ke která které který kteří lze má mají mi mně mohu moje mě můj může můžu my na "
          "nad náš nebo od on ona oni ono po pod pokud pro proč protože před přes při se si ta tak ten tento tato to "
          "toto ty váš ve vy za ze že",
    "ru": "бы был была были было будет быть вам ваш во где для до его ее её если же за зачем из или им их как какая "
          "какие какое какой когда кто ли мне меня может можно мое моё мои мой моя мы на над нам наш об он она они "
          "оно от по под почему при про со та тебя те то тот ты чем через что чтобы эта эти это этот вы который "
          "которая которое которые",
    "ro": "acest acesta această aceste acești al ale ai asta ca care ce cine cu cum când cât dar de despre din după "
          "ea ei el ele era este eu fi fost îl îmi în la le lor lui mea mei mele meu ne noastră noi nostru pe "
          "pentru poate pot prin sa sau se spre sunt să său și ta tău tu un una unde unei unui vă voi",
    "tr": "ama ben benim bir biz bizim bu da de gibi hangi hangisi ile için kaç kadar ki kim kimdir mi mu mı mü "
          "nasıl ne neden nedir neler nerede nereden nereye niçin niye olan olarak onlar onların onun sen senin "
          "siz sizin var ve veya ya",
    "ca": "al als amb aquest aquesta aquestes aquests això com de del dels el ell ella elles ells els em en ens era "
          "es és et hi ho jo la les li meu meus meva meves nosaltres on pel pels per però perquè pot poden puc quan "
          "que què qui quin quina quines quins se ser seu seus seva seves si són teu teva tu un una unes uns us "
          "vosaltres",
    "id": "ada adalah agar akan aku anda apa apakah atau bagaimana bagi berapa bisa dalam dan dapat dari dengan di "
          "dia ia ini itu jika kalau kami kamu kapan karena ke kenapa kita mana mengapa mereka oleh pada saya "
          "sebagai siapa sudah supaya telah tentang tetapi tapi untuk yang",
    "hu": "ahol aki alatt ami amely amikor amit az azok azt de egy előtt én és ez ezek ezt ha hogy hogyan hol honnan "
          "hova is kell ki kik kit között lehet lesz melyik mellett mert mi miért mik mikor milyen mit mennyi ők "
          "szerint te ti után vagy van vannak volt voltak",
    # (not "πότε", when: it folds as "ποτέ", never, does)
    "el": "αλλά αν από αυτά αυτές αυτή αυτό αυτοί αυτός γιατί για εγώ είμαι είναι εμείς ένα ένας εσείς εσύ ήταν θα "
          "και μας με μια μία μου μπορεί μπορώ να οι όπως ότι όταν πόσο ποια ποιες ποιο ποιοι ποιος πού που "
          "πως πώς προς σας σε σου στα στη στην στις στο στον στους τα την της τι τις το τον του τους των",
    "eo": "al aŭ ĉi ĉu de el en esti estas estis estos ĝi ĝia ili ilia kaj ke kial kiam kie kiel kies kio kiu kiuj "
          "kun la li lia mi mia ni nia per por povas pri se sed ŝi ŝia tio tiu tiuj vi via",
    # (not ما, what: it is a negation too, as لا, لم, لن and ليس are)
    "ar": "أن أنا أنت أنتم أو أي أين إلى إن التي الذي الذين بعد بين تلك ثم حتى حول ذلك عن عند على في قبل قد كان "
          "كانت كم كيف لقد لكن لماذا ماذا متى مع من منذ نحن هذا هذه هل هم هو هي يكون يمكن",
    "fa": "آن آنها آیا از است اگر اما او ایشان این با بر برای بود به تا تو چرا چطور چگونه چه چی در درباره را شما "
          "که کجا کدام کی ما من هست هم ولی یا",
}
_WORDS["no"] = _WORDS["nb"]  # Norwegian, Bokmål (Nynorsk, "nn", writes its own)


def optional_words(language: str) -> tuple[str, ...]:
    """The function words of a BCP 47 language tag ("en-GB" -> English's), as written; () for a language
    without a list. (Words of one letter are none: the tokeniser drops them.)"""
    return tuple(_WORDS.get(primary(language), "").split())
