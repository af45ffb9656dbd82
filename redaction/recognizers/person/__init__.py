"""People's names: spaCy's NER, widened by name dictionaries, cue words, the grammar of
each language and the structure of JSON and CSV snippets.

A name is found when any of these holds:

- spaCy tags it PERSON (a lone, common English word, such as "Hope", is dropped
  unless a cue precedes it);
- two or three capitalised words where the first is a known first name and the last
  a known surname, or one of them is known and the other is a rare word in English;
- capitalised words right after a cue ("Dear", "Mr", "my name is", "Name:",
  "patient", "signed by", ...);
- the value of a JSON key or CSV column called like a name (``name``,
  ``full_name``, ``customer``, ...);
- a social-media @handle inside a sentence;
- Warden's multi-language model tags it (``redaction.multilingual``).

Every part of a name found once is then redacted wherever else it appears in the
same text ("Dear Ana" after "Ana Ruiz").

Beyond English, rules read each language's own ways of writing a name (its titles,
verbs of saying, case endings, name lists); the recognizer calls them by the language of
the text (``redaction.multilingual.language``). Where to look:

- ``recognizer``: :class:`WardenPersonRecognizer`, the one recognizer Presidio sees. It
  reads the NER's and the models' spans, holds the name lists, and has the English
  rules (``_english`` and the cues above) and the German and Turkish ones that read its
  lists;
- ``scripts``: scripts without capitals, by the titles and honorifics written with a
  name (Japanese, Chinese, Korean, Thai; господин, السيد, מר), and Thai names from lists;
- ``languages``: the rules of one language in its grammar (``_name_forms``, which calls
  one function per rule: Polish, Ukrainian and Greek family names by their endings, and
  the modules below), and a name alone in a list of names (``_names_in_a_list``);
- ``polish``, ``greek``, ``hebrew_arabic``, ``western`` (French, Spanish, Portuguese,
  Italian and German): the rules of those languages;
- ``common``: what several of them share.

The modules' functions are internal to this package (their names start with an
underscore); only :class:`WardenPersonRecognizer` is exported. Each rule's docstring says
on which development lines it was chosen and checked; the engines a package ships for
one language (natasha, GiNZA, jieba, kiwipiepy) are in ``redaction.multilingual``.
"""

from redaction.recognizers.person.recognizer import WardenPersonRecognizer

__all__ = ["WardenPersonRecognizer"]
