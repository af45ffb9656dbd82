"""The verbs a prompt opens with when it asks for something ("Traduza:", "Résume ce
mail", "Escribe un poema"), in the imperative, in the Latin-script languages besides
English. The name models take a capitalised word opening a text for a name; such a word
is none. Found on prompts of my own, none from a development set."""

from __future__ import annotations

from functools import lru_cache

from redaction.recognizers.names import dictionaries

# translate, summarise, write, explain, correct, rewrite, describe, list, give, create,
# make, generate, answer, compare, analyse, tell, help, find, check, improve, convert,
# classify, extract, draft, suggest, calculate, continue, complete, rephrase, simplify,
# shorten: the familiar and the polite imperative where they differ
# fmt: off
_IMPERATIVES = (
    # Spanish
    "traduce", "traduzca", "resume", "resuma", "escribe", "escriba", "explica", "explique",
    "corrige", "corrija", "reescribe", "reescriba", "describe", "describa", "enumera",
    "enumere", "dame", "deme", "crea", "haz", "haga", "genera", "genere", "responde",
    "responda", "compara", "analiza", "analice", "dime", "dígame", "ayúdame", "ayúdeme",
    "busca", "busque", "revisa", "revise", "mejora", "mejore", "convierte", "convierta",
    "clasifica", "clasifique", "extrae", "extraiga", "redacta", "redacte", "sugiere",
    "sugiera", "calcula", "calcule", "continúa", "continúe", "completa", "parafrasea",
    "simplifica", "simplifique", "acorta", "acorte", "elabora", "elabore", "propón",
    # Portuguese
    "traduza", "escreva", "reescreva", "descreva", "liste", "crie", "faça", "gere",
    "analise", "diga", "ajude", "ajuda", "encontre", "procure", "melhore", "converta",
    "extraia", "redija", "sugira", "leia", "parafraseie", "encurte",
    # French
    "traduis", "traduisez", "résume", "résumez", "écris", "écrivez", "expliquez",
    "corrigez", "réécris", "réécrivez", "décris", "décrivez", "listez", "donne", "donnez",
    "créez", "fais", "faites", "génère", "générez", "réponds", "répondez", "comparez",
    "analysez", "dites", "aidez", "trouve", "trouvez", "vérifie", "vérifiez", "améliore",
    "améliorez", "convertis", "convertissez", "classez", "extrais", "extrayez", "rédige",
    "rédigez", "propose", "proposez", "suggère", "suggérez", "calculez", "lisez",
    "continuez", "complète", "complétez", "reformule", "reformulez", "simplifie",
    "simplifiez", "raccourcis",
    # Italian
    "traduci", "riassumi", "riassuma", "scrivi", "spiega", "spieghi", "correggi",
    "corregga", "riscrivi", "descrivi", "elenca", "dammi", "fai", "rispondi", "confronta",
    "analizza", "dimmi", "aiutami", "trova", "controlla", "migliora", "converti", "estrai",
    "redigi", "suggerisci", "calcola", "leggi", "riformula", "semplifica", "accorcia",
    # German
    "übersetze", "übersetz", "fasse", "schreibe", "schreib", "erkläre", "erklär",
    "korrigiere", "beschreibe", "gib", "erstelle", "mache", "mach", "generiere",
    "antworte", "beantworte", "vergleiche", "analysiere", "sag", "sage", "hilf", "finde",
    "prüfe", "überprüfe", "verbessere", "konvertiere", "klassifiziere", "extrahiere",
    "formuliere", "schlage", "berechne", "lies", "vervollständige", "vereinfache",
    "kürze", "entwirf", "nenne",
    # Dutch
    "vertaal", "vat", "schrijf", "verbeter", "herschrijf", "beschrijf", "geef", "maak",
    "genereer", "beantwoord", "vergelijk", "analyseer", "zeg", "vind", "controleer",
    "bereken", "herformuleer", "vereenvoudig",
    # Polish
    "przetłumacz", "podsumuj", "napisz", "wyjaśnij", "popraw", "przepisz", "opisz",
    "wymień", "daj", "stwórz", "utwórz", "zrób", "wygeneruj", "odpowiedz", "porównaj",
    "przeanalizuj", "powiedz", "pomóż", "znajdź", "sprawdź", "ulepsz", "przekonwertuj",
    "sklasyfikuj", "wyodrębnij", "zredaguj", "zaproponuj", "oblicz", "przeczytaj",
    "kontynuuj", "uzupełnij", "sparafrazuj", "uprość", "skróć",
    # Turkish
    "çevir", "özetle", "yaz", "açıkla", "düzelt", "anlat", "listele", "oluştur", "üret",
    "cevapla", "yanıtla", "karşılaştır", "söyle", "bul", "hesapla", "oku",
)
# fmt: on


@lru_cache(maxsize=1)
def _imperatives() -> frozenset[str]:
    """The verbs above less those that are listed first names too (Lea, Dina)."""
    first = dictionaries()[0]
    return frozenset(v for v in _IMPERATIVES if v not in first)


def instruction_verb(word: str) -> bool:
    """Is ``word`` (with a pronoun after a hyphen or not: "Explique-moi") one of the
    verbs a prompt opens with?"""
    return word.split("-")[0].casefold() in _imperatives()
