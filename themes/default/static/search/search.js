// The search page: searches newsdesk's own index (generator/plan/search_files.py explains the files) in this
// site's search/index/ folder, so search works on any static host, under a base_url path, with no
// server and no CDN. A query fetches meta.json, one terms file per word (phrase pair, filter) and the docs
// files of the results it shows. Everything from the index is put on the page as text (textContent),
// never as HTML; links are made only to paths inside the site and to http(s) pictures.
(function () {
  "use strict";

  var FORMAT = 36; // generator/plan/search.py FORMAT
  var MAX_TERM = 40; // generator/plan/search_tokens.py MAX_TERM
  var IMPACT_SCALE = 30; // generator/plan/search_tasks.py IMPACT_SCALE
  var PAIR = "_", TOPIC = "t:", PROVIDER = "p:"; // generator/plan/search_tasks.py PAIR, TOPIC, PROVIDER
  var TAILS = "tails/"; // generator/plan/search_files.py TAILS_FOLDER
  var PER_PAGE = 20;
  var DEBOUNCE_MS = 150;
  var TYPO_MIN = 4; // a word of this many letters or more that matches nothing is corrected by one edit
  var TYPO_TWO_MIN = 8; // one this long that no single edit corrects, by two
  var PREFIX_MAX = 30; // completions of the last word, the commonest first
  // a completion, a correction or two words' join (searched for "no code") counts for less than the word
  var PREFIX_FACTOR = 0.8, TYPO_FACTOR = 0.7, JOINED_FACTOR = 0.9;
  var NEAR_PAIRS = 3, NEAR_BONUS = 1.5; // words typed side by side that stand side by side in a story rank higher
  // A query of this many words or phrases a story must hold (not counting function words) also lists, below the stories
  // that hold them all and only to fill the first page, those that lack one of them (not one typed in quotes):
  // Lucene's minimum_should_match "n-1". Two words stay both required.
  var MOST_OF = 3;
  var SNIPPET = 180; // characters of excerpt shown around the first match
  // generator/languages.py UNSPACED: scripts written without spaces; each of their letters is a term of its own.
  // Keep both in step.
  var UNSPACED = "\\u0e00-\\u0e4f\\u0e5a-\\u0ecf\\u0eda-\\u0eff\\u1000-\\u103f\\u104a-\\u108f\\u109a-\\u109f" +
    "\\u1100-\\u11ff\\u1780-\\u17df\\u17ea-\\u17ff\\u1980-\\u19cf\\u19da-\\u19ff\\u1a20-\\u1a7f\\u1a8a-\\u1a8f" +
    "\\u1a9a-\\u1aaf\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3041-\\u3096\\u309d-\\u309f" +
    "\\u30a1-\\u30fa\\u30fc-\\u30ff\\u3130-\\u318f\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff" +
    "\\ua960-\\ua97f\\ua9e0-\\ua9ef\\ua9fa-\\ua9ff\\uaa60-\\uaa7f\\uac00-\\ud7af\\ud7b0-\\ud7ff\\uf900-\\ufaff" +
    "\\uff66-\\uff9f\\u{20000}-\\u{3134f}";
  // generator/plan/search_tokens.py IGNORABLE (Unicode's Default_Ignorable_Code_Point): dropped, as marks are, so
  // that a soft hyphen or a zero-width joiner does not cut a word; but a zero-width space is a word break (Thai, Khmer,
  // Lao and Burmese mark theirs with it), made a space before the rest are dropped. Keep both in step.
  var IGNORABLE = "\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f" +
    "\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0\\ufff0-\\ufff8\\u{1bca0}-\\u{1bca3}" +
    "\\u{1d173}-\\u{1d17a}\\u{e0000}-\\u{e0fff}";
  var TOKEN = new RegExp("(?:(?![" + UNSPACED + "])[\\p{L}\\p{N}]){2,}|(?=[\\p{L}\\p{N}])[" + UNSPACED + "]", "gu");
  var DROPPED = new RegExp("[\\p{M}" + IGNORABLE + "]", "gu");
  var IGNORED = new RegExp("[" + IGNORABLE + "]", "gu");
  // A word as written: letters, digits and the marks on them, or one letter of an UNSPACED script with its marks
  // (generator/plan/search_tokens.py _written_words)
  var SPELLED = new RegExp("(?:(?![" + UNSPACED + "])[\\p{L}\\p{N}]|\\p{M})+|[" + UNSPACED + "]\\p{M}*", "gu");
  var LEADING_DOT = /(?:^|\s)\.[\p{L}\p{N}\p{M}]+$/u;
  var ENDS_IN_WORD = new RegExp("[\\p{L}\\p{N}][" + IGNORABLE + "]*$", "u");
  // The quote marks that make a phrase, as readers type them in their languages: an opening mark -> the marks that
  // close it. "…", “…” ‘…’ (English), „…“ ‚…‘ (German), „…” (Polish, Hungarian), ”…” ’…’ (Swedish, Finnish), «…»
  // ‹…› (French, with its inner spaces or without), »…« ›…‹ (Danish), 「…」 『…』 (Japanese, Chinese).
  var QUOTES = { "\"": "\"", "\u00ab": "\u00bb", "\u00bb": "\u00ab", "\u2039": "\u203a", "\u203a": "\u2039",
    "\u201e": "\u201c\u201d", "\u201c": "\u201d\u201c", "\u201d": "\u201d", "\u201a": "\u2018\u2019",
    "\u2018": "\u2019\u2018", "\u2019": "\u2019", "\u300c": "\u300d", "\u300e": "\u300f" };
  // ‘ ’ ‚ are apostrophes too (l’eau, don’t): as quotes they open only where no word is before them and close only
  // where none follows, and they open only a phrase they close. Inside a word they stay what the tokeniser reads.
  var SINGLE = "\u2018\u2019\u201a";
  var WORD_BEFORE = /[\p{L}\p{N}\p{M}]$/u, WORD_AFTER = /^[\p{L}\p{N}\p{M}]/u;
  // generator/site/text.py WIDE (East Asian Wide and Fullwidth characters): each counts 2 in textWidth. Keep both
  // in step.
  var WIDE = new RegExp("[" +
    "\\u1100-\\u115f\\u231a-\\u231b\\u2329-\\u232a\\u23e9-\\u23ec\\u23f0\\u23f3\\u25fd-\\u25fe\\u2614-\\u2615" +
    "\\u2648-\\u2653\\u267f\\u2693\\u26a1\\u26aa-\\u26ab\\u26bd-\\u26be\\u26c4-\\u26c5\\u26ce\\u26d4\\u26ea" +
    "\\u26f2-\\u26f3\\u26f5\\u26fa\\u26fd\\u2705\\u270a-\\u270b\\u2728\\u274c\\u274e\\u2753-\\u2755\\u2757" +
    "\\u2795-\\u2797\\u27b0\\u27bf\\u2b1b-\\u2b1c\\u2b50\\u2b55\\u2e80-\\u303e\\u3041-\\u3247\\u3250-\\u4dbf" +
    "\\u4e00-\\ua4c6\\ua960-\\ua97c\\uac00-\\ud7a3\\uf900-\\ufad9\\ufe10-\\ufe19\\ufe30-\\ufe6b" +
    "\\uff01-\\uff60\\uffe0-\\uffe6\\u{16fe0}-\\u{1b2fb}\\u{1f004}\\u{1f0cf}\\u{1f18e}\\u{1f191}-\\u{1f19a}" +
    "\\u{1f200}-\\u{1f320}\\u{1f32d}-\\u{1f335}\\u{1f337}-\\u{1f37c}\\u{1f37e}-\\u{1f393}" +
    "\\u{1f3a0}-\\u{1f3ca}\\u{1f3cf}-\\u{1f3d3}\\u{1f3e0}-\\u{1f3f0}\\u{1f3f4}\\u{1f3f8}-\\u{1f43e}\\u{1f440}" +
    "\\u{1f442}-\\u{1f4fc}\\u{1f4ff}-\\u{1f53d}\\u{1f54b}-\\u{1f54e}\\u{1f550}-\\u{1f567}\\u{1f57a}" +
    "\\u{1f595}-\\u{1f596}\\u{1f5a4}\\u{1f5fb}-\\u{1f64f}\\u{1f680}-\\u{1f6c5}\\u{1f6cc}\\u{1f6d0}-\\u{1f6d2}" +
    "\\u{1f6d5}-\\u{1f6df}\\u{1f6eb}-\\u{1f6ec}\\u{1f6f4}-\\u{1f6fc}\\u{1f7e0}-\\u{1f7f0}" +
    "\\u{1f90c}-\\u{1f93a}\\u{1f93c}-\\u{1f945}\\u{1f947}-\\u{1f9ff}\\u{1fa70}-\\u{1faf6}" +
    "\\u{20000}-\\u{3134a}" + "]", "gu");
  // generator/site/text.py text_width: how wide a text is drawn, in Latin letters; a headline wider than the
  // theme's limit is `long` (data-long-headline: templates/partials/headline.html). Characters, not UTF-16 units,
  // as Python counts them.
  function textWidth(text) {
    return Array.from(text).length + (text.match(WIDE) || []).length;
  }

  // generator/languages.py DIGIT_ZEROS: the zero of each set of decimal digits but ASCII's (and those NFKD makes
  // ASCII); fold writes their digits as ASCII's (٢٠٢٦ and ۲۰۲۶ are 2026). Keep both in step.
  var DIGIT_ZEROS = [0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
    0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40,
    0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0x104a0, 0x10d30, 0x10d40, 0x11066, 0x110f0,
    0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x116d0, 0x116da, 0x11730, 0x118e0, 0x11950,
    0x11bf0, 0x11c50, 0x11d50, 0x11da0, 0x11de0, 0x11f50, 0x16130, 0x16a60, 0x16ac0, 0x16b50, 0x16d70, 0x1e140,
    0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950];
  var OTHER_DIGIT = new RegExp("[" + DIGIT_ZEROS.map(function (zero) {
    return "\\u{" + zero.toString(16) + "}-\\u{" + (zero + 9).toString(16) + "}";
  }).join("") + "]", "gu");

  function asciiDigit(digit) {
    var point = digit.codePointAt(0);
    for (var i = 0; i < DIGIT_ZEROS.length; i++) {
      if (point - DIGIT_ZEROS[i] >= 0 && point - DIGIT_ZEROS[i] <= 9) return String(point - DIGIT_ZEROS[i]);
    }
    return digit;
  }

  // The tokeniser of generator/plan/search_tokens.py, step for step (tests/test_search.py runs both on the same
  // strings): the words as the stemmer reads them (lowercased NFKC, accents kept); a word's token is it folded.
  function fold(text) {
    return text.normalize("NFKD").replace(DROPPED, "").normalize("NFC").toLowerCase().replace(/\u0131/g, "i")
      .replace(/\u0142/g, "l").replace(/\u00f8/g, "o").replace(/\u0111/g, "d").replace(/\u0127/g, "h")
      .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae").replace(/\u03c2/g, "\u03c3").replace(OTHER_DIGIT, asciiDigit);
  }

  // How the site's language lowercases (meta.json's "casing", generator/plan/search_tokens.py casing): "tr" for Turkish
  // and Azerbaijani, where "I" is the capital of "ı" and "İ" of "i"; "" for Unicode's default.
  var casing = "";

  function lower(text) {
    if (!casing) return text.toLowerCase();
    return text.replace(/[I\u0130]/g, function (c) { return c === "I" ? "\u0131" : "i"; }).toLowerCase()
      .replace(/i\u0307/g, "i");
  }

  function cut(token) {
    var chars = Array.from(token); // code points, as Python counts them
    return chars.length > MAX_TERM ? chars.slice(0, MAX_TERM).join("") : token;
  }

  var wholes = new Map();

  // A word as written, or its tokens when folding does not leave it one token of MAX_TERM at most; none for one
  // letter with its marks that folds to two ("æ" is "ae"), as one letter alone is none (search_tokens.py _whole)
  function whole(word) {
    var known = wholes.get(word);
    if (known) return known;
    var token = fold(word);
    var alone = token.length === 2 && Array.from(word.replace(DROPPED, "")).length === 1;
    var found = alone ? [] : token.match(TOKEN) || [];
    known = found.length === 1 && found[0] === token && cut(token) === token ? [word] : found.map(cut);
    wholes.set(word, known);
    return known;
  }

  // A number written with digit groups ("1,999", "1.999", "1'999", "1 999" with a no-break space, "١٬٩٩٩", India's
  // "1,00,000"), written without them: one word, the number (generator/plan/search_tokens.py GROUP_MARKS, _GROUPED,
  // ungroup)
  var GROUP_MARKS = ",.'\u2019\u00a0\u202f\u2009\u066c";
  var GROUP_MARK = new RegExp("[" + GROUP_MARKS + "]", "gu");
  var GROUPED = new RegExp("\\p{Nd}(?<![\\p{L}\\p{N}_" + GROUP_MARKS + "]\\p{Nd})" +
    "(?:\\p{Nd}?(?:,\\p{Nd}{2})+,\\p{Nd}{3}" +
    "(?!\\p{Nd}|,\\p{Nd})|\\p{Nd}{0,2}(?<mark>[" + GROUP_MARKS + "])\\p{Nd}{3}(?:\\k<mark>\\p{Nd}{3})*" +
    "(?!\\p{Nd}|\\k<mark>\\p{Nd}))", "gu");

  // A word as the page marks it, a number with its groups whole ("1,999", which spelled() reads as 1999)
  var WORD = new RegExp("(?:" + GROUPED.source + "|(?![" + UNSPACED + "\\u200b])[\\p{L}\\p{N}\\p{M}" + IGNORABLE +
    "])+|[" + UNSPACED + "]\\p{M}*", "gu");

  function ungroup(text) {
    return text.replace(GROUPED, function (number) { return number.replace(GROUP_MARK, ""); });
  }

  function spelled(text) {
    var written = lower(ungroup(text).replace(/\u200b/g, " ").replace(IGNORED, "").normalize("NFKC"));
    var found = [];
    (written.match(SPELLED) || []).forEach(function (word) { found.push.apply(found, whole(word)); });
    return found;
  }

  function tokens(text) {
    return spelled(text).map(fold);
  }

  // Words written with hyphens ("T-Mobile", "GPT-3"), each as the one word spelled() makes of it without them
  // ("tmobile", "gpt3"), or none (generator/plan/search_compounds.py compounds)
  var HYPHEN = /[\-\u2010\u2011]/gu;
  var COMPOUND = /(?:[\p{L}\p{N}]|\p{M})+(?:[\-\u2010\u2011](?:[\p{L}\p{N}]|\p{M})+)+/gu;

  function compounds(text) {
    if (!/[\-\u2010\u2011]/.test(text)) return [];
    var written = lower(text.replace(/\u200b/g, " ").replace(IGNORED, "").normalize("NFKC"));
    var found = [];
    (written.match(COMPOUND) || []).forEach(function (run) {
      var words = spelled(run.replace(HYPHEN, ""));
      if (words.length === 1) found.push(words[0]);
    });
    return found;
  }

  // Words that punctuation makes, which spelled() cuts to pieces of one character or none: a version or a number with
  // dots ("9.3.3", "v2.1") and a language's name of a letter and "#" or "++" ("c#", "c++"); each a word of its own,
  // as written (generator/plan/search_compounds.py _LITERAL, literals)
  var LITERAL = /(?<![\p{L}\p{N}_.])(?:[a-z0-9]*[0-9](?:\.[0-9]+)+(?![\p{L}\p{N}_])|[a-z](?:#|\+\+)(?![\p{L}\p{N}_#+]))/gu;

  function literals(text) {
    var written = lower(ungroup(text).replace(/\u200b/g, " ").replace(IGNORED, "").normalize("NFKC"));
    return (written.match(LITERAL) || []).map(cut);
  }

  // Two words side by side, one of them of 2 to JOIN_SHORT letters and neither a function word (`optional`, folded) nor
  // a number, joined as one ("no code" -> "nocode"): the index lists them so where it lists phrase pairs, and a query's
  // add a bonus as its compounds do (generator/plan/search_compounds.py JOIN_SHORT, joins)
  var JOIN_SHORT = 3;
  var PARTICLE_REST = 3; // letters after a function word that a query word is also read as apart ("in app")
  // A word of Hangul (its particle at its end, after two syllables or more, is not required: `parse`, meta.particle)
  var HANGUL_WORD = /[\uac00-\ud7a3]+/g;

  // What finds a Hangul word's particle (`particles`, meta.json's), after two syllables or more; null for none.
  function particleOf(particles) {
    return particles.length ? new RegExp("^[\\uac00-\\ud7a3]{2,}?(" + particles.join("|") + ")$") : null;
  }

  // A Korean word in Latin letters, as the Revised Romanization writes it: each syllable's jamo by these tables, a final
  // before a syllable with no initial consonant read as its initial, ㄹ beside ㄹ or ㄴ "ll" (generator/plan/search_hangul.py)
  var INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split(" ");
  var MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split(" ");
  var FINALS = "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split(" ");
  var CARRIED = "- g kk ks n nj n d r lg lm lb ls lt lp r m b ps s ss ng j ch k t p -".split(" ");
  var I_NONE = 11, I_RIEUL = 5, I_NIEUN = 2, F_RIEUL = 8, F_NIEUN = 4;

  function romanised(run) {
    var parts = Array.from(run).map(function (char) {
      var code = char.codePointAt(0) - 0xac00;
      return [Math.floor(code / 588), Math.floor(code % 588 / 28), code % 28];
    });
    var out = "";
    parts.forEach(function (part, at) {
      var initial = part[0], final = part[2];
      var after = at + 1 < parts.length ? parts[at + 1][0] : -1, before = at ? parts[at - 1][2] : 0;
      if (before && initial === I_NONE) {
        // (the final before it is its initial: written there)
      } else if (initial === I_RIEUL && (before === F_RIEUL || before === F_NIEUN) || initial === I_NIEUN && before === F_RIEUL) {
        out += "l";
      } else if (initial !== I_NONE) {
        out += INITIALS[initial];
      }
      out += MEDIALS[part[1]];
      if (!final) return;
      out += after === I_NONE ? CARRIED[final] : final === F_NIEUN && after === I_RIEUL ? "l" : FINALS[final];
    });
    return out.replace(/-/g, "");
  }

  // The Latin words of a text's Hangul words: each run's romanisation, and without its particle (`particle`,
  // meta.particle) when two syllables or more are left; none of one letter (search_hangul.py romanised_words)
  function romanisedWords(text, particle) {
    var found = [];
    (text.normalize("NFC").match(HANGUL_WORD) || []).forEach(function (run) {
      found.push(romanised(run));
      var ending = particle ? particle.exec(run) : null;
      if (ending) found.push(romanised(run.slice(0, run.length - ending[1].length)));
    });
    return found.filter(function (word) { return word.length > 1; });
  }
  var NUMBER = /^\p{Nd}+$/u;

  function joinOf(first, second, optional) {
    var shortest = Math.min(Array.from(first).length, Array.from(second).length);
    return shortest >= 2 && shortest <= JOIN_SHORT && !NUMBER.test(first) && !NUMBER.test(second) &&
      !optional.has(fold(first)) && !optional.has(fold(second)) ? cut(first + second) : null;
  }

  function joins(words, optional) {
    var found = [];
    for (var i = 0; i + 1 < words.length; i++) {
      var joined = joinOf(words[i], words[i + 1], optional);
      if (joined) found.push(joined);
    }
    return found;
  }

  // Where a sentence or a phrase ends: no join across it ("code. Set" is no "codeset";
  // generator/plan/search_compounds.py _PHRASE_END)
  var PHRASE_END = /[.,;:!?\u2026]+(?=\s|$)|[\u3001\u3002\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f()\[\]{}]/u;

  // The words of a text phrase by phrase.
  function phrasesOf(text) {
    return text.split(PHRASE_END).map(function (part) { return spelled(part); });
  }

  function phraseJoins(text, optional) {
    var found = [];
    phrasesOf(text).forEach(function (words) { found = found.concat(joins(words, optional)); });
    return found;
  }

  var stemWord = fold; // until the site's stemmer is loaded (meta.json names it)

  function terms(text) {
    return spelled(text).map(function (word) { return stemWord(word); });
  }

  // The terms a text is indexed by: its words' terms and their tokens' (a query typed without accents
  // matches these: generator/plan/search_tasks.py _weights).
  function indexedAs(text) {
    var found = [];
    spelled(text).forEach(function (word) { found.push(stemWord(word), stemWord(fold(word))); });
    return found;
  }

  // A Persian verb's prefix می or نمی, before a verb's ending (generator/plan/search_stems.py: _PERSIAN_VERB)
  var PERSIAN_VERB = /^\u0646?\u0645[\u06cc\u064a](?=.{2,}[\u0645\u062f\u062a\u06cc\u064a]$)/u;
  // A Portuguese plural in -ões made singular, -ão (generator/plan/search_stems.py: _PORTUGUESE_PLURAL)
  var PORTUGUESE_PLURAL = /^(.{2,})([\u00f5o])es$/u;

  function stemmerFor(name) {
    var S = globalThis.newsdeskSnowball;
    if (!name || !S || !S.stemmers[name]) return null;
    var stemmer = new S.stemmers[name]();
    var before = name === "persian" ? function (word) { return word.replace(PERSIAN_VERB, ""); }
      : name === "portuguese" ? function (word) {
        return word.replace(PORTUGUESE_PLURAL, function (all, start, o) { return start + (o === "o" ? "ao" : "\u00e3o"); });
      } : function (word) { return word; };
    var cache = new Map();
    return function (word) {
      var stem = cache.get(word);
      // stemmed as written, then folded (generator/plan/search_stems.py stemmer)
      if (stem === undefined) cache.set(word, stem = fold(stemmer.stemWord(before(word))));
      return stem;
    };
  }

  function shardKey(term, split) {
    var chars = Array.from(term);
    var length = 2;
    while (split.has(chars.slice(0, length).join("")) && chars.length > length) length += 1;
    return chars.slice(0, length).join("");
  }

  function shardFile(key) { return "terms/" + fileName(key) + ".json"; } // generator/plan/search_files.py shard_file

  function keysFile(key) { return "keys/" + fileName(key) + ".json"; } // (search_files.py keys_file)

  function fileName(key) { // (generator/urls.py device_name)
    if (/^[a-wyz0-9][a-z0-9]*$/.test(key) && !/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(key)) return key;
    var hex = "";
    new TextEncoder().encode(key).forEach(function (byte) { hex += (byte < 16 ? "0" : "") + byte.toString(16); });
    return "x" + hex;
  }

  // For the tests' comparison with Python; harmless otherwise.
  window.newsdeskSearch = { tokens: tokens, spelled: spelled,
    joins: function (text, optional) { return phraseJoins(text, new Set(optional || [])); },
    terms: function (text) { return terms(text); }, shardKey: shardKey,
    shardFile: shardFile, keysFile: keysFile,
    compounds: compounds, literals: literals, textWidth: textWidth,
    romanised: function (text, particles) { return romanisedWords(text, particleOf(particles)); },
    phrases: function (query) { return parse(query).phrases; }, asQuoted: asQuoted,
    optional: function (query, words) { // the query words `words` (a site's "optional") make optional
      return parse(query, new Set(words)).words.filter(function (word) { return word.optional; })
        .map(function (word) { return word.token; });
    },
    useStemmer: function (name) { return loadStemmer(name); },
    useCasing: function (name) { casing = name === "tr" ? "tr" : ""; } };
  window.newsdeskSearchTokens = tokens;

  var root = document.getElementById("search");
  var indexUrl = root ? root.getAttribute("data-index") : "";
  var stemmersUrl = root ? root.getAttribute("data-stemmers") : "";
  var stemmerLoads = {};

  function script(url) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = url;
      element.onload = resolve;
      element.onerror = function () { reject(new Error(url + ": not loaded")); };
      document.head.appendChild(element);
    });
  }

  // The stemmer of meta.json's "stemmer" (a name of the index's, only [a-z_]: it names a file of the theme).
  function loadStemmer(name) {
    if (!name || !/^[a-z_]+$/.test(name)) {
      stemWord = fold;
      return Promise.resolve();
    }
    if (!stemmerLoads[name]) {
      var base = globalThis.newsdeskSnowball ? Promise.resolve() : script(stemmersUrl + "base.js");
      stemmerLoads[name] = base.then(function () {
        return globalThis.newsdeskSnowball.stemmers[name] ? null : script(stemmersUrl + name + ".js");
      }).catch(function (error) {
        delete stemmerLoads[name]; // (the network was down: the next query tries again)
        throw error;
      });
    }
    return stemmerLoads[name].then(function () {
      stemWord = stemmerFor(name) || stemWord;
    });
  }

  if (!root) return;
  var base = root.getAttribute("data-base") || "/";
  // (a theme's own search.html without it: no result is cut)
  var longHeadline = Number(root.getAttribute("data-long-headline")) || Infinity;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var topicSelect = document.getElementById("search-topic");
  var providerSelect = document.getElementById("search-provider");
  var sortSelect = document.getElementById("search-sort");
  var status = document.getElementById("search-status");
  var suggestion = document.getElementById("search-suggestion");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");

  // The theme's words in the site's language: the page's JSON block, which the build writes into the search
  // page (generator/render/environment.py, from themes/*/i18n/): the one source of them.
  var words = {};
  try {
    words = JSON.parse(document.getElementById("search-words").textContent) || {};
  } catch (error) { /* no block: each message shows its key */ }
  // The words a partial words file lacks, which are shown in English: marked lang="en" as the pages' own are
  // (word_lang, generator/render/environment.py), so that a screen reader reads them in an English voice.
  var english = new Set(Array.isArray(words.english) ? words.english : []);
  function inEnglish(keys) {
    return english.size > 0 && keys.every(function (key) { return english.has(key); });
  }
  var plurals = null, englishPlurals = null;
  try {
    // (the words' language, not the page's: English words on a site in a language without words of its own)
    plurals = new Intl.PluralRules(words.language || document.documentElement.lang || "en");
    englishPlurals = new Intl.PluralRules("en");
  } catch (error) { /* no such language: the "other" form */ }

  // The word `key` with its {name}s filled from `values` ({n}: the count, which chooses its plural form).
  function say(key, values) {
    values = values || {};
    var text = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : key;
    if (text && typeof text === "object") {
      var rules = english.has(key) ? englishPlurals : plurals; // an English word's forms are English's
      var form = rules && "n" in values ? rules.select(Number(values.n)) : "other";
      text = text[form] || text.other;
    }
    if (typeof text !== "string") text = key;
    return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, function (whole, name) {
      if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
      return typeof values[name] === "number" ? numeral(values[name]) : String(values[name]);
    });
  }

  // A number as the pages write it (generator/i18n.py, Words.number): the words' decimal mark, digit groups of the
  // sizes the site's language takes (number_groups: [3, 2] in India's, 12,34,567) and digits (Persian's ۰-۹).
  var GROUPS = Array.isArray(words.number_groups) && words.number_groups.length === 2 &&
    words.number_groups.every(function (size) { return size >= 1 && size <= 9 && size % 1 === 0; })
    ? words.number_groups : [3, 3];
  function numeral(value) {
    var parts = String(Math.abs(value)).split("."), whole = parts[0], group = words.number_group || ",";
    if (whole.length >= Math.max(4, Number(words.number_group_from) || 4)) {
      var last = GROUPS[0], each = GROUPS[1], rest = whole.slice(0, -last), groups = [whole.slice(-last)];
      for (; rest.length > each; rest = rest.slice(0, -each)) groups.unshift(rest.slice(-each));
      if (rest) groups.unshift(rest);
      whole = groups.join(group);
    }
    var text = (value < 0 ? "-" : "") + whole + (parts[1] ? (words.number_decimal || ".") + parts[1] : "");
    var digits = typeof words.number_digits === "string" ? Array.from(words.number_digits) : [];
    return digits.length === 10 ? text.replace(/[0-9]/g, function (d) { return digits[d]; }) : text;
  }

  // The word `key` as a <span>, its {name}s filled from `values`: a value that is a node (what the reader typed,
  // a link) goes in as it is, in the page's language when the word is English (inEnglish: the span says so).
  function spoken(key, values) {
    values = values || {};
    var text = {}, nodes = {};
    Object.keys(values).forEach(function (name) {
      (values[name] instanceof Node ? nodes : text)[name] = values[name];
    });
    var node = document.createElement("span");
    var marked = inEnglish([key]);
    if (marked) node.lang = "en";
    say(key, text).split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/).forEach(function (part) {
      var name = part.slice(1, -1);
      if (part.charAt(0) === "{" && Object.prototype.hasOwnProperty.call(nodes, name)) {
        var value = nodes[name].parentNode ? nodes[name].cloneNode(true) : nodes[name]; // (a word naming it twice)
        if (marked) value.lang = document.documentElement.lang;
        node.appendChild(content(value));
      } else if (part) {
        node.appendChild(document.createTextNode(part));
      }
    });
    return node;
  }

  var files = {}; // URL -> promise of its JSON: each index file is fetched once per visit
  var seq = 0; // the newest query; answers to older ones are dropped
  var shown = { hits: [], count: 0, meta: null, marks: null };
  var timer = 0;

  function fetchJSON(name, missingOk) {
    var url = indexUrl + name;
    if (!files[url]) {
      files[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        // (meta's "keys" names every terms file; one gone is taken for one with no term, as while a
        // deploy replaces the index)
        if (response.status === 404 && missingOk) return null;
        if (!response.ok) {
          var error = new Error(url + ": HTTP " + response.status);
          error.missing = response.status === 404; // (the site has no index: built with search turned off)
          throw error;
        }
        return response.json();
      }).catch(function (error) {
        delete files[url]; // (a file the network failed to bring is asked for again by the next query)
        throw error;
      });
    }
    return files[url];
  }

  function ready() {
    return fetchJSON("meta.json").then(function (meta) {
      if (!meta || meta.version !== FORMAT) throw new Error("search index format " + (meta && meta.version));
      // The keys that have a terms file (a key but its last character -> those last characters): a key not there is
      // asked for no file, which would be a 404 and an error in the console. Meta's "keys" lists those of one and two
      // characters that were not split, its "split" those of two that were, whose keys are in their own keys file,
      // read for the first word under one (keysUnder). The longer split keys are the listed keys' beginnings
      // (generator/plan/search_files.py listed_keys).
      meta.fileKeys = new Set();
      meta.splitKeys = new Set();
      meta.keysRead = {}; // split key -> the promise of its keys file read
      addKeys(meta, meta.keys);
      meta.splitTwo = new Set();
      addKeys({ fileKeys: meta.splitTwo, splitKeys: new Set() }, meta.split);
      meta.splitTwo.forEach(function (key) { meta.splitKeys.add(key); });
      casing = meta.casing === "tr" ? "tr" : "";
      meta.tails = Number.isInteger(meta.tails) && meta.tails > 0 ? meta.tails : 0; // (how many tails files)
      // The language's function words (what, is, how, to ...), folded: a story need not hold them
      // (generator/plan/search_optional.py)
      // (letters -> their Latin spellings, for a site in Cyrillic or Greek: generator/plan/search_latin.py)
      var latin = meta.latin && typeof meta.latin === "object" ? meta.latin : {};
      meta.latin = Object.keys(latin).length && Object.keys(latin).every(function (letter) {
        return Array.isArray(latin[letter]) && latin[letter].every(function (way) { return typeof way === "string"; });
      }) ? latin : null;
      meta.optionalWords = new Set((Array.isArray(meta.optional) ? meta.optional : []).filter(function (word) {
        return typeof word === "string";
      }));
      // Korean's particles (`서울시가`, `서울시에서`), as the index's clustering reads them: generator/languages.py
      var particles = (Array.isArray(meta.particles) ? meta.particles : []).filter(function (particle) {
        return typeof particle === "string" && /^[\uac00-\ud7a3]+$/.test(particle);
      });
      meta.particle = particleOf(particles);
      meta.hangul = meta.hangul === true; // (whether the index lists Hangul words in Latin letters: a Korean site's)
      return loadStemmer(meta.stemmer).then(function () { return meta; });
    });
  }

  // Listed keys (a key but its last character -> those last characters) added to meta's sets.
  function addKeys(meta, listed) {
    listed = listed && typeof listed === "object" ? listed : {};
    Object.keys(listed).forEach(function (start) {
      var chars = Array.from(start);
      for (var n = 2; n <= chars.length; n++) meta.splitKeys.add(chars.slice(0, n).join(""));
      Array.from(String(listed[start])).forEach(function (last) { meta.fileKeys.add(start + last); });
    });
  }

  // The keys under a split key of two characters, from its keys file, once a visit (none for another key).
  function keysUnder(meta, key) {
    if (!meta.splitTwo.has(key)) return Promise.resolve();
    if (!meta.keysRead[key]) {
      meta.keysRead[key] = fetchJSON(keysFile(key), true).then(function (file) {
        addKeys(meta, file && file.keys);
      }, function (error) {
        delete meta.keysRead[key]; // (asked for again by the next query, as a terms file is)
        throw error;
      });
    }
    return meta.keysRead[key];
  }

  function shardOf(meta, term) {
    return keysUnder(meta, Array.from(term).slice(0, 2).join("")).then(function () {
      var key = shardKey(term, meta.splitKeys);
      if (!meta.fileKeys.has(key)) return { terms: {}, forms: {} }; // no term of the site is in it
      return fetchJSON(shardFile(key), true).then(function (shard) {
        return shard && shard.terms ? shard : { terms: {}, forms: {} };
      });
    });
  }

  // A posting list [df, id, impact, id delta, impact, ...] -> Map(document id -> impact).
  function decode(flat) {
    var docs = new Map();
    var id = 0;
    for (var i = 1; i + 1 < flat.length; i += 2) {
      id += flat[i];
      docs.set(id, flat[i + 1]);
    }
    return docs;
  }

  function idf(meta, df) {
    return Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5));
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isWordTerm(term) {
    return term.charAt(0) !== PAIR && term.indexOf(":") === -1;
  }

  // At most one edit (insert, delete, substitute, swap two neighbours) between a and b.
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // At most `max` edits (insert, delete, substitute, swap two neighbours) between a and b (arrays of letters):
  // the optimal string alignment distance, each row given up once all of it is past `max`.
  function withinEdits(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return false;
    var before = null, row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var next = [i], least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        next.push(value);
        if (value < least) least = value;
      }
      if (least > max) return false;
      before = row;
      row = next;
    }
    return row[b.length] <= max;
  }

  // The tails files (generator/plan/search_files.py): each word term of 5 letters or more, listed by its word's third
  // to fifth letters (folded), in the file its key hashes to (FNV-1a of the code points) of meta's "tails".
  function tailKey(letters) { // (an array of code points' characters)
    return letters.slice(2, 5).join("");
  }

  function tailBucket(key, buckets) {
    var value = 0x811c9dc5;
    Array.from(key).forEach(function (char) { value = Math.imul(value ^ char.codePointAt(0), 0x01000193) >>> 0; });
    return value % buckets;
  }

  // The commonest word one edit from `token` where its letters choose another terms file than the typed word's. An
  // edit of the first two letters: one of them changed or swapped leaves the third to fifth letters where they were,
  // one left out or typed more moves them by one, the second swapped with the third makes them the typed second,
  // fourth and fifth. An edit of the letter after a split key (`pastSplit`): the third to fifth letters of the words
  // it may be. Its term and the terms file that has its postings, or null.
  function tailed(meta, word) {
    var letters = Array.from(word.token);
    return keysUnder(meta, letters.slice(0, 2).join("")).then(function () {
      var keys = new Set([tailKey(letters), letters.slice(1, 4).join(""), letters.slice(3, 6).join(""),
        (letters[1] || "") + letters.slice(3, 5).join("")].concat(pastSplit(meta, letters)).filter(function (key) {
        return Array.from(key).length === 3;
      }));
      return keys.size ? tailOf(meta, word, keys) : null;
    });
  }

  // The tails' keys of the words one edit from `letters` (a word's) at the letter after each split key they begin
  // with, where that moves the third to fifth letters: in its place or before it each letter the split key's other
  // keys go on with (its keys file lists them: the word meant is under one of them), or it left out, or swapped with
  // the next. Not every terms file of those keys: the tails hold their words (fewer files; more as a site grows).
  function pastSplit(meta, letters) {
    var keys = [];
    for (var n = 2; n < 5 && n < letters.length && meta.splitKeys.has(letters.slice(0, n).join("")); n++) {
      var start = letters.slice(0, n), rest = letters.slice(n + 1);
      var swapped = start.concat(letters.slice(n + 1, n + 2), letters[n], letters.slice(n + 2));
      keys.push(tailKey(start.concat(rest)), tailKey(swapped));
      nextLetters(meta, start.join(""), n).forEach(function (letter) {
        keys.push(tailKey(start.concat(letter, rest)), tailKey(start.concat(letter, letters.slice(n))));
      });
    }
    return keys;
  }

  // The letters the keys (of terms files, or split) that begin with `key`, of `n` letters, go on with.
  function nextLetters(meta, key, n) {
    var found = new Set();
    [meta.fileKeys, meta.splitKeys].forEach(function (keys) {
      keys.forEach(function (known) {
        if (known.length > key.length && known.lastIndexOf(key, 0) === 0) found.add(Array.from(known)[n]);
      });
    });
    return found;
  }

  // The commonest word of the tails files of `keys` (a Set) one edit from the typed word, as `tailed` says.
  function tailOf(meta, word, keys) {
    if (!meta.tails) return Promise.resolve(null);
    var buckets = [];
    keys.forEach(function (key) {
      var n = tailBucket(key, meta.tails);
      if (buckets.indexOf(n) < 0) buckets.push(n);
    });
    return Promise.all(buckets.map(function (n) { return fetchJSON(TAILS + n + ".json", true); })).then(function (tails) {
      var best = null, df = 0;
      tails.forEach(function (tail) {
        if (!tail || !tail.terms) return;
        Object.keys(tail.terms).forEach(function (term) {
          var known = fold(own(tail.forms, term) ? tail.forms[term] : term);
          if (!keys.has(tailKey(Array.from(known))) || !(oneEdit(known, word.token) || oneEdit(term, word.term))) return;
          if (!best || tail.terms[term] > df || (tail.terms[term] === df && term < best)) { best = term; df = tail.terms[term]; }
        });
      });
      return best && shardOf(meta, best).then(function (shard) { return own(shard.terms, best) ? { term: best, shard: shard } : null; });
    });
  }

  // What one query word matches: Map(document id -> score), and the word a correction chose, if any.
  function wordMatches(meta, word, prefix) {
    return Promise.all([shardOf(meta, word.term), word.alt ? shardOf(meta, word.alt) : null]).then(function (both) {
      var shard = both[0], altShard = both[1];
      var scores = new Map();
      var add = function (term, factor, from) {
        var flat = (from || shard).terms[term];
        var weight = idf(meta, flat[0]) * factor / IMPACT_SCALE;
        decode(flat).forEach(function (impact, id) {
          var score = impact * weight;
          if (!(scores.get(id) >= score)) scores.set(id, score); // the best-matching form counts
        });
      };
      var exact = own(shard.terms, word.term);
      if (exact) add(word.term, 1);
      // A word typed with accents its stories lack ("prédiction"): they hold its letters' stem, as the index
      // lists each of a story's words under both (generator/plan/search_tasks.py _weights)
      var altExact = word.alt && own(altShard.terms, word.alt);
      if (altExact) add(word.alt, 1, altShard);
      exact = exact || altExact;
      var found = [];
      if (prefix) {
        Object.keys(shard.terms).forEach(function (term) {
          if (term !== word.term && term !== word.alt && isWordTerm(term) &&
              (term.lastIndexOf(word.token, 0) === 0 || term.lastIndexOf(word.term, 0) === 0)) found.push(term);
        });
        found.sort(function (a, b) { return shard.terms[b][0] - shard.terms[a][0] || (a < b ? -1 : 1); });
        found.slice(0, PREFIX_MAX).forEach(function (term) { add(term, PREFIX_FACTOR); });
      }
      if (exact || found.length || Array.from(word.token).length < TYPO_MIN) {
        return { scores: scores, correction: null, forms: found };
      }
      return spelledIn(meta, word, scores, 0).then(function (read) {
        return read || apart(meta, word).then(function (split) {
          return split || corrected(meta, word, shard, scores, add);
        }).then(function (fixed) { // (a Latin word of the site's, mistyped, is that word first)
          return fixed.correction ? fixed : spelledIn(meta, word, scores, 1).then(function (typo) { return typo || fixed; });
        });
      });
    });
  }

  // A word typed in Latin letters on a site written in Cyrillic or Greek ("moskva", "athina"): the site's commonest
  // word whose letters it spells as readers write them in Latin (meta.json's "latin", generator/plan/search_latin.py),
  // with an ending of at most LATIN_ENDING letters more (the stem's, as "moskvy" for москв), the longest such first;
  // with `edits` 1, as a typo is corrected, one it spells but for one letter more, less, changed or two swapped
  // ("moskba"), counted as a correction; null when none is. Only for a word that matches nothing as typed: a site's own Latin
  // words (iPhone, Apple) stay what they are.
  var LATIN_ENDING = 3, LATIN_KEYS = 6;

  function spelledIn(meta, word, scores, edits) {
    var latin = meta.latin, token = word.token;
    if (!latin || !/^(?=.*[a-z])[a-z0-9']+$/.test(token)) return Promise.resolve(null); // (Greeklish: "8" θ)
    var split = []; // (the split keys of two letters it may spell, whose keys are read first)
    latinKeys(meta, token, split);
    return Promise.all(split.map(function (key) { return keysUnder(meta, key); })).then(function () {
      return Promise.all(latinKeys(meta, token).map(function (key) { return shardOf(meta, key); }));
    }).then(function (shards) {
      var best = null, from = null, length = 0;
      shards.forEach(function (shard) {
        Object.keys(shard.terms).forEach(function (term) {
          if (!isWordTerm(term)) return;
          var spelled = spells(latin, Array.from(term), 0, token, 0, edits);
          if (spelled < 0 || spelled < length) return;
          if (!best || spelled > length || shard.terms[term][0] > from.terms[best][0] ||
              (shard.terms[term][0] === from.terms[best][0] && term < best)) {
            best = term; from = shard; length = spelled;
          }
        });
      });
      if (!best) return null;
      var weight = idf(meta, from.terms[best][0]) * (edits ? TYPO_FACTOR : 1) / IMPACT_SCALE;
      decode(from.terms[best]).forEach(function (impact, id) { scores.set(id, impact * weight); });
      return { scores: scores, correction: from.forms[best] || best, forms: [best] };
    });
  }

  // How many of `token`'s letters from `at` the letters of `term` from `i` spell (each letter, or two the table reads as
  // one, by one of its Latin spellings), so that at most LATIN_ENDING are left, with at most `edits` letters typed more,
  // left out, changed or swapped; -1 when they do not. A term with no letter of the table is none.
  function spells(latin, term, i, token, at, edits) {
    if (i === term.length) return token.length - at <= LATIN_ENDING && at > 0 ? at : -1;
    var most = -1, known = false;
    for (var size = 1; size <= 2 && i + size <= term.length; size++) { // (a letter, or two read as one: Greek's μπ)
      var letter = term.slice(i, i + size).join("");
      if (!own(latin, letter)) continue;
      var ways = latin[letter], next = i + size;
      known = true;
      for (var n = 0; n < ways.length; n++) {
        var way = ways[n];
        if (!way && !i) continue; // (a word starts with a letter typed)
        if (token.lastIndexOf(way, at) === at) most = Math.max(most, spells(latin, term, next, token, at + way.length, edits));
        if (!edits) continue;
        for (var k = 0; k < way.length; k++) {
          var left = way.slice(0, k) + way.slice(k + 1); // (a letter of it left out)
          if ((left || i) && token.lastIndexOf(left, at) === at) {
            most = Math.max(most, spells(latin, term, next, token, at + left.length, edits - 1));
          }
          if (token.length >= at + way.length && token.charAt(at + k) !== way.charAt(k) &&
              token.lastIndexOf(way.slice(0, k), at) === at && token.lastIndexOf(way.slice(k + 1), at + k + 1) === at + k + 1) {
            most = Math.max(most, spells(latin, term, next, token, at + way.length, edits - 1)); // (one changed)
          }
        }
      }
    }
    if (!known) return -1;
    if (edits && at + 1 < token.length) {
      if (i) most = Math.max(most, spells(latin, term, i, token, at + 1, edits - 1)); // (one typed more)
      var swapped = token.slice(0, at) + token.charAt(at + 1) + token.charAt(at) + token.slice(at + 2);
      if (swapped !== token) most = Math.max(most, spells(latin, term, i, swapped, at, edits - 1));
    }
    return most;
  }

  // The keys of the terms files whose terms a Latin word may spell the start of: each way its first letters read as the
  // script's, as long as the files are split (shardKey), at most LATIN_KEYS of those listed; and the split keys of two
  // letters it passes, into `split` (keysUnder reads their keys).
  function latinKeys(meta, token, split) {
    var found = [], tried = 0;
    var grow = function (key, at) {
      var chars = Array.from(key).length;
      if (found.length >= LATIN_KEYS || tried++ > 500) return;
      if (split && chars === 2 && meta.splitTwo.has(key) && split.indexOf(key) < 0) split.push(key);
      var file = chars >= 2 ? shardKey(key, meta.splitKeys) : "";
      if (file && (file !== key || !meta.splitKeys.has(key))) { // (two letters read as one may pass the file's key)
        if (meta.fileKeys.has(file) && found.indexOf(file) < 0) found.push(file);
        return;
      }
      Object.keys(meta.latin).forEach(function (letter) {
        meta.latin[letter].forEach(function (way) {
          if ((way || chars > 0) && token.lastIndexOf(way, at) === at && at + way.length <= token.length) {
            grow(key + letter, at + way.length);
          }
        });
      });
    };
    grow("", 0);
    return found;
  }

  // A word the stories write as two ("timezone": "time zone"): its letters cut into two words of two letters or more
  // that stories hold side by side (the index's phrase pairs: a title, an excerpt, a text's first words), the
  // commonest such pair. Those stories score as the two words would, as a correction; null when no cut is a pair.
  function apart(meta, word) {
    var letters = Array.from(word.token), cuts = [];
    for (var at = 2; at + 2 <= letters.length; at++) {
      var both = [letters.slice(0, at).join(""), letters.slice(at).join("")];
      cuts.push({ words: both, terms: both.map(function (part) { return stemWord(part); }) });
    }
    var pairs = cuts.map(function (cut) { return PAIR + cut.terms[0] + " " + cut.terms[1]; });
    return Promise.all(pairs.map(function (pair) { return shardOf(meta, pair); })).then(function (shards) {
      var at = -1;
      pairs.forEach(function (pair, i) {
        if (own(shards[i].terms, pair) && (at < 0 || shards[i].terms[pair][0] > shards[at].terms[pairs[at]][0])) at = i;
      });
      if (at < 0) return null;
      var cut = cuts[at], scores = new Map();
      decode(shards[at].terms[pairs[at]]).forEach(function (impact, id) { scores.set(id, 0); });
      return Promise.all(cut.terms.map(function (term) { return shardOf(meta, term); })).then(function (parts) {
        cut.terms.forEach(function (term, i) {
          if (!own(parts[i].terms, term)) return;
          var weight = idf(meta, parts[i].terms[term][0]) * TYPO_FACTOR / IMPACT_SCALE;
          decode(parts[i].terms[term]).forEach(function (impact, id) {
            if (scores.has(id)) scores.set(id, scores.get(id) + impact * weight);
          });
        });
        return { scores: scores, correction: cut.words.join(" "), forms: cut.terms };
      });
    });
  }

  // What a word that matches nothing as typed matches once corrected: the commonest word one edit away in its own
  // terms file, else in the tails files (an edit in the first two letters: `tailed`), else two away for a long word,
  // or nothing.
  function corrected(meta, word, shard, scores, add) {
    var best = null;
    Object.keys(shard.terms).forEach(function (term) {
      if (!isWordTerm(term) || !(oneEdit(term, word.term) || oneEdit(term, word.token))) return;
      if (!best || shard.terms[term][0] > shard.terms[best][0] || (shard.terms[term][0] === shard.terms[best][0] && term < best)) best = term;
    });
    if (best) {
      add(best, TYPO_FACTOR);
      return { scores: scores, correction: shard.forms[best] || best, forms: [best] };
    }
    return tailed(meta, word).then(function (found) {
      if (found) {
        add(found.term, TYPO_FACTOR, found.shard);
        return { scores: scores, correction: found.shard.forms[found.term] || found.term, forms: [found.term] };
      }
      // A long word no single edit corrects, by two ("analitycs"): against the words the terms stand for, as
      // typed, not their stems (shorter: two edits from "notif" are "not" and "note")
      var token = Array.from(word.token);
      if (token.length < TYPO_TWO_MIN) return { scores: scores, correction: null, forms: [] };
      Object.keys(shard.terms).forEach(function (known) {
        if (!isWordTerm(known) || !withinEdits(Array.from(shard.forms[known] || known), token, 2)) return;
        if (!best || shard.terms[known][0] > shard.terms[best][0] || (shard.terms[known][0] === shard.terms[best][0] && known < best)) best = known;
      });
      if (!best) return { scores: scores, correction: null, forms: [] };
      add(best, TYPO_FACTOR * TYPO_FACTOR);
      return { scores: scores, correction: shard.forms[best] || best, forms: [best] };
    });
  }

  // The stories where two query words stand side by side, or where a compound typed stands written so:
  // Map(id -> a bonus as rare as the pair; a compound's, `asWord`, adds what it would score as a word of its own).
  function nearby(meta, pair, asWord) {
    return shardOf(meta, pair).then(function (shard) {
      var bonus = new Map();
      if (!own(shard.terms, pair)) return bonus;
      var rarity = idf(meta, shard.terms[pair][0]);
      var word = asWord ? rarity / IMPACT_SCALE : 0;
      decode(shard.terms[pair]).forEach(function (impact, id) { bonus.set(id, NEAR_BONUS * rarity + impact * word); });
      return bonus;
    });
  }

  // The stories that write two query words as one ("no code": "nocode"), as a word's scores, a little below a word's.
  function joinedMatches(meta, term) {
    return shardOf(meta, term).then(function (shard) {
      var scores = new Map();
      if (!own(shard.terms, term)) return scores;
      var weight = idf(meta, shard.terms[term][0]) * JOINED_FACTOR / IMPACT_SCALE;
      decode(shard.terms[term]).forEach(function (impact, id) { scores.set(id, impact * weight); });
      return scores;
    });
  }

  // A word that begins with a short function word ("onboarding", "inapp"): the stories that write it apart, that word
  // and the rest side by side ("on boarding", a phrase pair), score as the rest does, a little below the word. The
  // index makes no join of a function word ("on Monday" would be "onmonday"): the pair is there already. Each way of
  // cutting it is looked up ("itsown": "it sown" and "its own"); a story found by two scores by the better.
  function particleMatches(meta, word, optional) {
    var letters = Array.from(word.token), cuts = [];
    if (word.quoted || word.optional || !optional) return Promise.resolve(new Map());
    for (var at = 2; at <= JOIN_SHORT && at + PARTICLE_REST <= letters.length; at++) {
      var first = letters.slice(0, at).join(""), rest = letters.slice(at).join("");
      if (optional.has(first) && !optional.has(rest)) cuts.push([first, rest]);
    }
    return Promise.all(cuts.map(function (cut) {
      var pair = PAIR + stemWord(cut[0]) + " " + stemWord(cut[1]), term = stemWord(cut[1]);
      // (the rest's file only when some story writes the pair: most such words, "canvas", are no two words)
      return shardOf(meta, pair).then(function (shard) {
        if (!own(shard.terms, pair)) return new Map();
        var apart = decode(shard.terms[pair]);
        return shardOf(meta, term).then(function (rests) {
          var scores = new Map();
          if (!own(rests.terms, term)) return scores;
          var weight = idf(meta, rests.terms[term][0]) * JOINED_FACTOR / IMPACT_SCALE;
          decode(rests.terms[term]).forEach(function (impact, id) {
            if (apart.has(id)) scores.set(id, impact * weight);
          });
          return scores;
        });
      });
    })).then(function (found) {
      var scores = new Map();
      found.forEach(function (each) {
        each.forEach(function (score, id) { if (!(scores.get(id) >= score)) scores.set(id, score); });
      });
      return scores;
    });
  }

  // A story that writes the join of two query words holds each word it lacks, at half the join's score: so "no code"
  // finds the story that writes only "nocode", below those that write the words
  // (generator/plan/search_compounds.py joins).
  function gluedMatches(words, perWord, glue, scores) {
    var at = glue.parts.map(function (term) {
      for (var i = 0; i < words.length; i++) if (words[i].term === term) return i;
      return -1;
    });
    if (at[0] < 0 || at[1] < 0 || at[0] === at[1]) return;
    scores.forEach(function (score, id) {
      at.forEach(function (i) { if (!perWord[i].scores.has(id)) perWord[i].scores.set(id, score / 2); });
    });
  }

  // The documents of a whole list (a phrase pair or a filter): a Set of ids.
  function allOf(meta, term) {
    return shardOf(meta, term).then(function (shard) {
      return own(shard.terms, term) ? new Set(decode(shard.terms[term]).keys()) : new Set();
    });
  }

  // The word pairs each phrase in quotes must hold, [pair, pair of the words' plain letters]: of its words as typed,
  // and, given the words' matches, of a word read as another ("sankt": санкт, "powr": power, "timezone": time zone)
  // as read, as it is searched for outside quotes.
  function phrasePairs(parsed, perWord) {
    var at = new Map();
    parsed.words.forEach(function (word, i) { at.set(word.term, i); });
    var found = [];
    parsed.phrases.forEach(function (phrase) {
      var read = [];
      phrase.forEach(function (written) {
        var match = perWord && perWord[at.get(stemWord(written))];
        if (match && match.correction) match.forms.forEach(function (term) { read.push([term, term]); });
        else read.push([stemWord(written), stemWord(fold(written))]);
      });
      for (var i = 0; i + 1 < read.length; i++) {
        found.push([PAIR + read[i][0] + " " + read[i + 1][0], PAIR + read[i][1] + " " + read[i + 1][1]]);
      }
    });
    return found;
  }

  // The query as read, for "Did you mean": its words in their order, each corrected or read as another ("sankt":
  // санкт), a phrase in its quote marks; words only, as the query's words are searched.
  function asRead(query, parsed, perWord) {
    var read = new Map();
    parsed.words.forEach(function (word, i) { read.set(word.token, perWord[i].correction || word.token); });
    var words = function (text) {
      return spelled(text).concat(literals(text)).map(function (word) { return read.get(fold(word)) || fold(word); });
    };
    var parts = [], plain = "";
    for (var at = 0; at < query.length; at++) {
      var end = phraseEnd(query, at);
      if (end < 0) {
        plain += query.charAt(at);
        continue;
      }
      parts = parts.concat(words(plain));
      plain = "";
      var mark = query.charAt(at), quoted = words(query.slice(at + 1, end));
      if (quoted.length) parts.push(mark + quoted.join(" ") + (end < query.length ? query.charAt(end) : QUOTES[mark].charAt(0)));
      at = end;
    }
    return parts.concat(words(plain)).join(" ");
  }

  // The stories that hold a pair: [pair, pair of plain letters] (typed with accents: the stories that lack them hold
  // the pair of its letters' stems, as words)
  function pairIn(meta, pair) {
    return pair[1] === pair[0] ? allOf(meta, pair[0]) : Promise.all([allOf(meta, pair[0]), allOf(meta, pair[1])])
      .then(function (sets) { sets[1].forEach(function (id) { sets[0].add(id); }); return sets[0]; });
  }

  // Where the phrase a mark at `at` opens ends (its closing mark, or the query's end), or -1 when it opens none.
  function phraseEnd(query, at) {
    var mark = query.charAt(at);
    if (!own(QUOTES, mark)) return -1;
    var single = SINGLE.indexOf(mark) >= 0;
    if (single && WORD_BEFORE.test(query.slice(0, at))) return -1;
    for (var end = at + 1; end < query.length; end++) {
      if (QUOTES[mark].indexOf(query.charAt(end)) >= 0 && !(single && WORD_AFTER.test(query.slice(end + 1)))) {
        return end;
      }
    }
    return single ? -1 : query.length; // (one still being typed reaches the end)
  }

  // The query as the status line quotes it: one phrase alone without its own marks, which the language's words
  // put around it (`1 Ergebnis für „Wir sind erleichtert“`, not „„…““); anything else as typed.
  function asQuoted(query) {
    var end = phraseEnd(query, 0);
    return end > 0 && end >= query.length - 1 ? query.slice(1, end).trim() || query : query;
  }

  // Words in quotes are phrases; the rest are words. The last word is also a prefix while typing. A word of
  // `optional` (the language's function words, folded) outside quotes is optional, unless every word is.
  function parse(query, optional, particle) {
    optional = optional || new Set();
    var phrases = [], rest = [], plain = "", quotedLiterals = [];
    for (var at = 0; at < query.length; at++) {
      var end = phraseEnd(query, at);
      if (end < 0) {
        plain += query.charAt(at);
        continue;
      }
      if (plain) rest.push(plain);
      plain = "";
      var found = spelled(query.slice(at + 1, end));
      if (found.length) phrases.push(found);
      literals(query.slice(at + 1, end)).forEach(function (word) { quotedLiterals.push(word); });
      at = end;
    }
    if (plain) rest.push(plain);
    var words = [], seen = new Set();
    var add = function (written, quoted) { // a word as spelled() gives it
      var term = stemWord(written), token = fold(written), alt = stemWord(token);
      if (seen.has(term)) return;
      seen.add(term);
      words.push({ token: token, term: term, alt: alt !== term ? alt : katakana(term), quoted: quoted,
        optional: !quoted && optional.has(token) });
    };
    phrases.forEach(function (phrase) { phrase.forEach(function (word) { add(word, true); }); });
    quotedLiterals.forEach(function (word) { add(word, true); });
    var near = [], glued = [];
    rest.forEach(function (text) {
      var found = spelled(text);
      found.forEach(function (word) { add(word, false); });
      var ends = new Set(), last = -1; // (the last word of each phrase: no join past it)
      phrasesOf(text).forEach(function (words) { last += words.length; ends.add(last); });
      literals(text).forEach(function (word) { add(word, false); }); // ("9.3.3", "c#": its words are none)
      // A word written with hyphens: the stories that write it so ("T-Mobile", not "mobile" alone) rank higher
      compounds(text).forEach(function (word) { near.push([stemWord(word), true]); });
      for (var i = 0; i + 1 < found.length; i++) {
        // (two function words side by side, "what is", stand so in most stories: no bonus worth a file)
        if (optional.has(fold(found[i])) && optional.has(fold(found[i + 1]))) continue;
        // Two words the index also lists as one ("no code": nocode) are looked up so too: side by side, with a hyphen
        // or written as one, the same bonus, once (the pair alone is of stems: "driven apps" for "driven app")
        var joined = ends.has(i) ? null : joinOf(found[i], found[i + 1], optional);
        var first = stemWord(found[i]), second = stemWord(found[i + 1]);
        // (hiragana side by side: the same letters in katakana too, which the words found as their `alt`)
        var written = !joined && katakana(first) && katakana(second)
          ? PAIR + katakana(first) + " " + katakana(second) : null;
        near.push([PAIR + first + " " + second, false, joined ? stemWord(joined) : written]);
        // (and a story that writes only the join, "nocode", holds both words: glued)
        if (joined) glued.push({ parts: [stemWord(found[i]), stemWord(found[i + 1])], term: stemWord(joined) });
      }
    });
    // A Korean noun typed with its particle ("서울시가", "서울시에서"): the particle's letters need not be in a story,
    // which writes the noun with another particle or none (unless the query needs a letter elsewhere: 서 of 서울)
    var loose = new Set(), needed = new Set();
    rest.forEach(function (text) {
      (text.normalize("NFC").match(HANGUL_WORD) || []).forEach(function (word) { // (a Mac's NFD: its syllables)
        var ending = particle ? particle.exec(word) : null, cut = ending ? word.length - ending[1].length : word.length;
        for (var i = 0; i < word.length; i++) (i < cut ? needed : loose).add(word.charAt(i));
      });
    });
    words.forEach(function (word) {
      if (!word.quoted && loose.has(word.token) && !needed.has(word.token)) word.optional = true;
    });
    if (words.every(function (word) { return word.optional; })) {
      words.forEach(function (word) { word.optional = false; }); // ("the who", "to be or not to be": all of them)
    }
    // (a word typed after a leading dot is a name written so, ".NET": exact, not completed to "networks")
    var last = words.length && rest.length && ENDS_IN_WORD.test(query) && !LEADING_DOT.test(query)
      ? words[words.length - 1] : null;
    return { words: words, phrases: phrases, prefix: last, near: near.slice(0, NEAR_PAIRS),
      glued: glued.slice(0, NEAR_PAIRS) };
  }

  // A hiragana letter's katakana (す: ス), or null: a word typed in hiragana, as a reader who leaves it unconverted
  // types it, also finds it written in katakana (すまほ: スマホ). Not the other way round: hiragana letters are in
  // every Japanese sentence (ます, する), and a katakana word typed would find them all.
  function katakana(term) {
    return /^[\u3041-\u3096]$/.test(term) ? String.fromCharCode(term.charCodeAt(0) + 0x60) : null;
  }

  function options() {
    return { topic: topicSelect ? topicSelect.value : "", provider: providerSelect ? providerSelect.value : "",
      sort: sortSelect && sortSelect.value === "date" ? "date" : "relevance" };
  }

  function search(query) {
    var mine = ++seq;
    var chosen = options();
    ready().then(function (meta) {
      var parsed = parse(query, meta.optionalWords, meta.particle);
      if (!parsed.words.length) {
        show(mine, query, [], meta, null, null, false);
        return null;
      }
      var filters = [];
      if (chosen.topic) filters.push(allOf(meta, TOPIC + chosen.topic));
      if (chosen.provider) filters.push(allOf(meta, PROVIDER + chosen.provider));
      var pairs = new Map();
      phrasePairs(parsed, null).forEach(function (pair) { pairs.set(pair[0], pairIn(meta, pair)); }); // (as typed)
      var matched = Promise.all(parsed.words.map(function (word) { return wordMatches(meta, word, word === parsed.prefix); }));
      return Promise.all([
        matched,
        matched.then(function (perWord) {
          return Promise.all(filters.concat(phrasePairs(parsed, perWord).map(function (pair) {
            return pairs.get(pair[0]) || pairIn(meta, pair);
          })));
        }),
        Promise.all(parsed.near.map(function (pair) {
          if (!pair[2]) return nearby(meta, pair[0], pair[1]);
          return Promise.all([nearby(meta, pair[0], false), nearby(meta, pair[2], false)]).then(function (both) {
            both[1].forEach(function (bonus, id) { if (!(both[0].get(id) >= bonus)) both[0].set(id, bonus); });
            return both[0];
          });
        })),
        Promise.all(parsed.glued.map(function (glue) { return joinedMatches(meta, glue.term); })),
        Promise.all(parsed.words.map(function (word) { return particleMatches(meta, word, meta.optionalWords); })),
      ]).then(function (answers) {
        var perWord = answers[0], required = answers[1], bonuses = answers[2];
        parsed.glued.forEach(function (glue, i) { gluedMatches(parsed.words, perWord, glue, answers[3][i]); });
        answers[4].forEach(function (scores, i) {
          scores.forEach(function (score, id) { if (!perWord[i].scores.has(id)) perWord[i].scores.set(id, score); });
        });
        perWord.forEach(function (match, i) {
          match.optional = parsed.words[i].optional;
          match.quoted = parsed.words[i].quoted;
        });
        var corrected = perWord.some(function (match) { return match.correction; });
        var hits = rank(perWord, bonuses, required, chosen.sort);
        var partial = false;
        var words = perWord.filter(function (match) { return !match.optional; }).length;
        // (a phrase in quotes is one of the query's parts, as a word is: `"power apps" canvas` needs all)
        var parts = perWord.filter(function (match) { return !match.optional && !match.quoted; }).length +
          parsed.phrases.length;
        if (!hits.length && perWord.length > 1) { // no story has every word: those with the most
          hits = rank(perWord, bonuses, required, chosen.sort, true);
          partial = hits.length > 0;
        } else if (parts >= MOST_OF && hits.length < PER_PAGE) { // (over-specified: "share a canvas app")
          var all = new Set(hits.map(function (hit) { return hit[0]; }));
          hits = hits.concat(rank(perWord, bonuses, required, chosen.sort, false, words - 1).filter(function (hit) {
            return !all.has(hit[0]);
          }).slice(0, PER_PAGE - hits.length));
        }
        var marks = new Set();
        parsed.words.forEach(function (word, i) {
          if (word.optional) return; // (not every "is" and "to" of the results marked)
          marks.add(word.term);
          if (word.alt) marks.add(word.alt);
          perWord[i].forms.forEach(function (term) { marks.add(term); });
        });
        parsed.glued.forEach(function (glue) { marks.add(glue.term); });
        var fixed = corrected ? asRead(query, parsed, perWord) : null;
        show(mine, query, hits, meta,
          { terms: marks, prefix: parsed.prefix, seen: new Map(), particle: meta.particle, hangul: meta.hangul },
          fixed, partial);
      });
    }).catch(function (error) {
      if (mine === seq) unavailable(error);
    });
  }

  // Every word but the optional ones must match (or, with `some`, as many as any story matches; with `least`,
  // that many and every word in quotes); every required set too. The score: the words' scores, the optional
  // words' too, plus the bonuses of words side by side.
  function rank(perWord, bonuses, required, sort, some, least) {
    var counts = new Map(), scores = new Map(), quoted = new Map();
    perWord.forEach(function (match) {
      match.scores.forEach(function (score, id) {
        if (!match.optional) counts.set(id, (counts.get(id) || 0) + 1);
        if (match.quoted) quoted.set(id, (quoted.get(id) || 0) + 1);
        scores.set(id, (scores.get(id) || 0) + score);
      });
    });
    var inQuotes = perWord.filter(function (match) { return match.quoted; }).length;
    bonuses.forEach(function (bonus) {
      bonus.forEach(function (value, id) {
        if (scores.has(id)) scores.set(id, scores.get(id) + value);
      });
    });
    var need = perWord.filter(function (match) { return !match.optional; }).length;
    if (some) {
      need = 0;
      counts.forEach(function (count, id) {
        if (count > need && required.every(function (set) { return set.has(id); })) need = count;
      });
      if (!need) return [];
    }
    if (least) need = least;
    var hits = [];
    counts.forEach(function (count, id) {
      if (count < need) return;
      if (least && (quoted.get(id) || 0) < inQuotes) return;
      for (var i = 0; i < required.length; i++) if (!required[i].has(id)) return;
      hits.push([id, scores.get(id)]);
    });
    if (sort === "date") hits.sort(function (a, b) { return b[0] - a[0]; });
    else hits.sort(function (a, b) { return b[1] - a[1] || b[0] - a[0]; });
    return hits;
  }

  function show(mine, query, hits, meta, marks, fixed, partial) {
    if (mine !== seq) return;
    var back = restore || {};
    restore = null;
    shown = { hits: hits, count: 0, meta: meta, marks: marks, want: Number(back.shown) || 0,
      y: typeof back.y === "number" ? back.y : null };
    var note = document.getElementById("search-unavailable");
    if (note) note.hidden = true;
    list.replaceChildren();
    suggestion.replaceChildren();
    suggestion.hidden = true;
    more.hidden = true;
    var text = query.trim();
    if (!tokens(text).length && !literals(text).length) { // ("c#" is a word, though none of its letters is one)
      status.replaceChildren();
      if (text) status.appendChild(spoken("search_longer"));
      return;
    }
    if (fixed) {
      var link = document.createElement("a");
      link.href = "?q=" + encodeURIComponent(fixed);
      link.textContent = fixed;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = fixed;
        run();
      });
      suggestion.appendChild(spoken("search_did_you_mean", { word: link }));
      suggestion.hidden = false;
    }
    if (!hits.length) {
      status.replaceChildren(spoken("search_none", { query: element("span", "", asQuoted(text)) }));
      return;
    }
    var message = [spoken("search_found", { n: hits.length, query: element("span", "", asQuoted(text)) })];
    if (partial) message.push(spoken("search_partial"));
    // Said once the first results are on the page, so that a screen reader announces what is there.
    showMore(mine, false, message);
  }

  function showMore(mine, focus, message) {
    var start = shown.count;
    var page = shown.hits.slice(start, start + PER_PAGE);
    var meta = shown.meta;
    shown.count += page.length;
    var chunks = Array.from(new Set(page.map(function (hit) { return Math.floor(hit[0] / meta.chunk); })));
    Promise.all(chunks.map(function (n) { return fetchJSON("docs/" + n + ".json"); })).then(function (loaded) {
      if (mine !== seq) return;
      var byChunk = new Map();
      chunks.forEach(function (n, i) { byChunk.set(n, loaded[i]); });
      var first = null;
      // The page's results put in at once: one change of the list for the browser to lay out and the dates'
      // script to rewrite (static/js/relative-times.js), not one per result.
      var items = document.createDocumentFragment();
      page.forEach(function (hit) {
        var record = (byChunk.get(Math.floor(hit[0] / meta.chunk)) || [])[hit[0] % meta.chunk];
        var item = record && result(record, meta.fields, shown.marks);
        if (!item) return;
        if (shown.marks && !item.querySelector("mark")) {
          fromText(mine, item.querySelector(".card-body"), item.querySelector(".card-title a").href, shown.marks);
        }
        items.appendChild(item);
        first = first || item.querySelector(".card-title a");
      });
      list.appendChild(items);
      more.hidden = shown.count >= shown.hits.length;
      if (message) status.replaceChildren.apply(status, message);
      if (focus && first) first.focus();
      if (shown.count < Math.min(shown.want, shown.hits.length)) showMore(mine, false);
      else if (shown.y !== null) {
        window.scrollTo(0, shown.y);
        shown.y = null;
      }
    }).catch(function (error) {
      if (mine === seq) unavailable(error);
    });
  }

  // Only paths inside this site: the index holds story paths relative to the site root.
  function internal(url) {
    return typeof url === "string" && /^[A-Za-z0-9._~%\/-]*$/.test(url) && url.charAt(0) !== "/" &&
      url.indexOf("//") === -1 && url.split("/").indexOf("..") === -1;
  }

  function picture(url) {
    if (!url) return null;
    if (internal(url)) return base + url;
    if (typeof url === "string" && /^https?:\/\/[^\s"'<>\\]+$/i.test(url)) return url;
    return null;
  }

  // A picture's sizes ([[URL, width], ...]) as a srcset, or "" unless every one is a picture() URL that a
  // srcset reads whole (a space would end it, a comma at either end would be taken for the list's).
  function srcset(sizes) {
    if (!Array.isArray(sizes) || sizes.length < 2) return "";
    var parts = [];
    for (var i = 0; i < sizes.length; i++) {
      var entry = sizes[i];
      var link = Array.isArray(entry) ? picture(entry[0]) : null;
      var width = Array.isArray(entry) ? entry[1] : 0;
      if (!link || /^,|,$/.test(link) || typeof width !== "number" || !(width >= 1 && width % 1 === 0)) return "";
      parts.push(link + " " + width + "w");
    }
    return parts.join(", ");
  }

  // The content's language, when the theme's words are in another (a `zh` site without Chinese words: the body
  // says English, templates/base.html): the results' titles, excerpts and names say they are in the site's.
  var contentLang = document.body.lang && document.body.lang !== document.documentElement.lang
    ? document.documentElement.lang : null;
  function content(node) {
    if (contentLang !== null) node.lang = contentLang;
    return node;
  }
  // The language of what `parent` holds as a screen reader takes it: its nearest `lang`.
  function spokenIn(parent) {
    var marked = parent.closest("[lang]");
    return marked ? marked.getAttribute("lang") : "";
  }
  // A label shown in English over the results (the list's "Search results") or the choices (the form's "Search the
  // stories") says so, where the page is in the site's language (a partial words file): the results say the body's
  // language again, and the choices the content's, as the pages' word_lang(..., inside=) and content_lang_in do.
  var resultLang = spokenIn(list) !== spokenIn(document.body) ? spokenIn(document.body) : null;
  function contentUnder(parent, node) {
    if (spokenIn(parent) !== document.documentElement.lang) node.lang = document.documentElement.lang;
    return node;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  // A length as the cards show it (partials/kind.html fact_of): [text, spoken, iso] from the index, a <time> of its
  // duration, said in full to a screen reader when its short units differ ("1 hr 2 min", "1 hour 2 minutes")
  function lengthOf(fact) {
    var time = element("time", "", fact[1] ? undefined : fact[0]);
    time.setAttribute("datetime", String(fact[2]));
    if (inEnglish(["length_hour", "length_minute", "length_second", "length_hours_minutes"])) time.lang = "en";
    if (fact[1]) {
      time.appendChild(element("span", "", fact[0])).setAttribute("aria-hidden", "true");
      time.appendChild(element("span", "visually-hidden", fact[1]));
    }
    return time;
  }

  // `text` into `parent` as text nodes, the words that match the query in <mark>.
  function highlighted(parent, text, marks) {
    text = String(text);
    var at = 0;
    if (marks) {
      var hangul = romanisedAt(text, marks);
      Array.from(text.matchAll(WORD)).forEach(function (found) {
        var word = found[0], offset = found.index;
        var matched = hangul.has(offset) || marks.seen.get(word); // (the same words come back in titles and excerpts)
        if (matched === undefined) {
          matched = indexedAs(word).some(function (term) {
            return marks.terms.has(term) || (marks.prefix && term.lastIndexOf(marks.prefix.token, 0) === 0);
          });
          marks.seen.set(word, matched);
        }
        if (!matched) return;
        if (offset > at) parent.appendChild(document.createTextNode(text.slice(at, offset)));
        parent.appendChild(element("mark", "", word));
        at = offset + word.length;
      });
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  // Where the syllables of `text`'s Hangul words whose romanisation the query holds are (a Latin query on a Korean site:
  // "seoul" marks 서울); none where the index lists no Hangul word so (meta.hangul), as a Latin query found none there
  function romanisedAt(text, marks) {
    var at = new Set();
    if (!marks.hangul) return at;
    Array.from(text.matchAll(HANGUL_WORD)).forEach(function (run) {
      var found = romanisedWords(run[0], marks.particle).some(function (word) {
        var term = stemWord(word);
        return marks.terms.has(term) || (marks.prefix && term.lastIndexOf(marks.prefix.token, 0) === 0);
      });
      if (!found) return;
      for (var i = 0; i < run[0].length; i++) at.add(run.index + i);
    });
    return at;
  }

  // Where the first word of `text` that the query matches starts, or -1.
  function firstMatch(text, marks) {
    var first = -1;
    Array.from(text.matchAll(WORD)).some(function (found) {
      if (indexedAs(found[0]).some(function (term) { return marks.terms.has(term); })) first = found.index;
      return first >= 0;
    });
    return first;
  }

  // The excerpt, or a window of it around its first matching word, cut between words at both ends.
  function snippet(text, marks) {
    text = String(text);
    if (text.length <= SNIPPET || !marks) return text;
    var first = firstMatch(text, marks);
    if (first < SNIPPET / 2) return closed(wholeWords(text, SNIPPET)) + "\u2026";
    var cut = text.slice(wordStart(text, first - SNIPPET / 3)).replace(/^\s+/, ""); // (not the spaces before it)
    return "\u2026" + (cut.length > SNIPPET ? closed(wholeWords(cut, SNIPPET)) + "\u2026" : cut);
  }

  // Where a text's words begin and end, by the browser's word breaks: its dictionaries find the words of Thai, Lao,
  // Khmer and Burmese, written without spaces between them (a cut at the last space took a Thai snippet's whole
  // text away, and one at a letter parted a word). Without Intl.Segmenter, at spaces.
  var WORDS = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;

  // Where the word that `text`'s character `at` is in starts (the spaces before a word: where it starts).
  function wordStart(text, at) {
    if (at <= 0) return 0;
    if (WORDS) {
      var from = Math.max(0, at - 64); // (the words near `at`, not all of a story's text)
      return from + WORDS.segment(text.slice(from, at + 64)).containing(at - from).index;
    }
    var space = text.lastIndexOf(" ", at);
    return space < 0 ? 0 : space + 1;
  }

  // The start of `text`, at most `most` UTF-16 units, ending with a whole word, without the spaces after it; a word
  // longer than half of that is cut between two clusters.
  function wholeWords(text, most) {
    if (text.length <= most) return text;
    var end = WORDS ? WORDS.segment(text.slice(0, most + 64)).containing(most).index : text.lastIndexOf(" ", most);
    var cut = text.slice(0, Math.max(end, 0)).replace(/\s+$/, "");
    return cut.length > most / 2 ? cut : clusters(text, most);
  }

  // The start of `text`, at most `most` UTF-16 units, ending between two grapheme clusters, as the index's
  // excerpts are cut (generator/site/text.py, cut_clusters): never half of a flag, of an emoji's surrogate pair,
  // of a family emoji's joined people, a letter without its accent. Without Intl.Segmenter, the common ones.
  var SEGMENTER = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter() : null;
  var EXTENDING = /^(?:[\udc00-\udfff\u0300-\u036f\u200c\u200d\ufe00-\ufe0f\u20e3]|\ud83c[\udffb-\udfff])/;
  function clusters(text, most) {
    if (text.length <= most) return text;
    var end = 0;
    if (SEGMENTER) {
      var segments = SEGMENTER.segment(text.slice(0, most + 64))[Symbol.iterator]();
      for (var step = segments.next(); !step.done; step = segments.next()) {
        if (step.value.index + step.value.segment.length > most) break;
        end = step.value.index + step.value.segment.length;
      }
      return text.slice(0, end);
    }
    end = most;
    while (end > 0 && (EXTENDING.test(text.slice(end)) || text[end - 1] === "\u200d")) end -= 1;
    return text.slice(0, end);
  }

  // `text` with each direction embedding, override or isolate it leaves open closed at its end, as the index's
  // excerpts are (generator/site/text.py, bidi_closed): a cut that takes an override's end turned the ellipsis.
  function closed(text) {
    var opened = [];
    text.replace(/[\u202a-\u202e\u2066-\u2069]/g, function (char) {
      if (char === "\u202c") {
        if (opened.length && opened[opened.length - 1] < "\u2066") opened.pop(); // (a PDF closes no isolate)
      } else if (char === "\u2069") {
        if (opened.some(function (open) { return open >= "\u2066"; })) while (opened.pop() < "\u2066");
      } else opened.push(char);
      return char;
    });
    return text + opened.reverse().map(function (open) { return open >= "\u2066" ? "\u2069" : "\u202c"; }).join("");
  }

  // The index holds no story's text: a result whose title and summary hold none of the query's words shows the words
  // around the first match in its story page's text in place of the summary, marked. Only that page's text is read
  // (the words of an inert document, never its markup); a page that cannot be had, or whose text has no match (a
  // story's other item holds it), leaves the summary.
  var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, th, dt, dd, figcaption, br, div";
  function fromText(mine, body, href, marks) {
    fetch(href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(href + ": " + response.status);
      return response.text();
    }).then(function (html) {
      if (mine !== seq) return;
      var parts = new DOMParser().parseFromString(html, "text/html").querySelectorAll("article.story div.body");
      var text = Array.from(parts).map(function (part) {
        part.querySelectorAll(BLOCKS).forEach(function (block) { block.after(" "); }); // (one paragraph's end, a space)
        return part.textContent;
      }).join(" ").replace(/[\t\n\f\r ]+/g, " ").trim();
      if (firstMatch(text, marks) < 0) return;
      var excerpt = body.querySelector(".excerpt") ||
        body.insertBefore(content(element("p", "excerpt")), body.querySelector(".byline"));
      excerpt.replaceChildren();
      highlighted(excerpt, snippet(text, marks), marks);
    }).catch(function () { /* the summary stays */ });
  }

  // One result, built like a list page's card (templates/partials/card.html).
  function result(record, fields, marks) {
    var get = function (name) { var i = fields.indexOf(name); return i < 0 ? "" : record[i]; };
    var url = get("url");
    if (!internal(url)) return null;
    var item = element("li", "search-result");
    if (resultLang !== null) item.lang = resultLang;
    var card = element("article", "card");
    var src = picture(get("image"));
    if (src) {
      var media = element("a", "card-media");
      media.href = base + url;
      media.tabIndex = -1;
      media.setAttribute("aria-hidden", "true");
      var img = element("img");
      img.src = src;
      var sizes = srcset(get("srcset"));
      if (sizes) {
        img.srcset = sizes;
        img.sizes = "(max-width: 36rem) 4.75rem, 11rem"; // a list card's (templates/partials/card.html)
      }
      img.alt = "";
      img.loading = "lazy";
      img.fetchPriority = "low"; // as a list card's thumbnail (templates/partials/card.html)
      img.decoding = "async";
      img.width = 640;
      img.height = 360;
      // as static/js/images.js does for the list pages' cards, which ran before this result was made
      img.addEventListener("error", function () { img.classList.add("is-broken"); }, { once: true });
      media.appendChild(img);
      card.appendChild(media);
    }
    var body = element("div", "card-body");
    // a headline of several sentences is cut on a phone, as a list card's is (templates/partials/card.html)
    var heading = element("h2", textWidth(get("title")) > longHeadline ? "card-title long" : "card-title");
    var link = content(element("a"));
    link.href = base + url;
    // The type's badge: the theme's word (`type_word`: badge_video ...) in the words' language, as the title's
    // link is the content's; or the type's own text as the crawler wrote it (`type`), the content's as the title.
    var typeWord = get("type_word");
    if (typeWord || get("type")) {
      var badge = element("span", "badge", typeWord ? say(typeWord) : get("type"));
      if (typeWord && contentLang !== null) badge.lang = document.body.lang;
      else if (typeWord && inEnglish([typeWord])) badge.lang = "en";
      link.appendChild(badge);
      link.appendChild(document.createTextNode(" "));
    }
    highlighted(link, get("title"), marks);
    heading.appendChild(link);
    body.appendChild(heading);
    if (get("excerpt")) body.appendChild(highlighted(content(element("p", "excerpt")), snippet(get("excerpt"), marks), marks));
    var byline = element("div", "byline");
    var slug = get("provider_slug");
    if (get("provider")) {
      var chip = content(element(slug && internal("providers/" + slug + "/") ? "a" : "span", "provider-chip", get("provider")));
      if (chip.tagName === "A") chip.href = base + "providers/" + slug + "/";
      // The name reads in its own direction ("Yahoo!" on an Arabic page, not "!Yahoo"), as the cards' <bdi>.
      chip.dir = "auto";
      byline.appendChild(chip);
    }
    if (get("published")) {
      // the cards' written date, which the page's head script rewrites as "3 hours ago" as the cards' are
      // (static/js/relative-times.js)
      var time = element("time", "ago", get("date"));
      time.setAttribute("datetime", String(get("published")));
      if (inEnglish(["date_short"])) time.lang = "en"; // (its month's name English, as the cards' date_lang says)
      byline.appendChild(time);
    }
    var facts = get("facts");
    if (Array.isArray(facts) && facts.length) { // a video's length, a download's size and price, as on the cards
      var said = element("span", "facts");
      facts.forEach(function (fact, n) {
        if (n) said.appendChild(document.createTextNode(" · "));
        said.appendChild(element("bdi")).appendChild(Array.isArray(fact) ? lengthOf(fact) : document.createTextNode(String(fact)));
      });
      byline.appendChild(said);
    }
    var heat = Number(get("heat"));
    if (isFinite(heat)) { // partials/signals.html meter("heat", ...), as on the cards
      var level = Math.min(5, Math.floor((heat + 19) / 20));
      var number = Math.round(heat * 10) / 10;
      var signal = element("span", "signal heat");
      if (inEnglish(heat >= 80 ? ["meter_label", "heat", "hot_signal"] : ["meter_label", "heat"])) signal.lang = "en";
      signal.setAttribute("role", "img");
      signal.setAttribute("aria-label", say("meter_label", { name: say("heat"), value: number, level: level }));
      signal.title = say("heat") + " " + numeral(number);
      signal.appendChild(element("span", "signal-name", heat >= 80 ? say("hot_signal") : say("heat")));
      var bar = element("span", "bar");
      bar.style.setProperty("--level", String(level));
      signal.appendChild(bar);
      byline.appendChild(signal);
    }
    var sources = Number(get("sources"));
    if (sources > 0 && isFinite(sources)) { // a story of several items, as its card says it
      var also = element("span", "signal sources story-sources", say("sources", { n: sources }));
      if (inEnglish(["also_covered", "sources"])) also.lang = "en";
      also.title = say("also_covered");
      byline.appendChild(also);
    }
    var topics = get("topics");
    if (Array.isArray(topics) && topics.length) {
      var tags = element("ul", "tags");
      tags.setAttribute("aria-label", say("topics"));
      var labelled = inEnglish(["topics"]); // its label English, its names the page's (content_lang_in, as the cards')
      if (labelled) tags.lang = "en";
      topics.forEach(function (topic) {
        if (!Array.isArray(topic) || !internal("topics/" + topic[0] + "/")) return;
        var entry = element("li");
        var tag = content(element("a", "", topic[1]));
        if (labelled) tag.lang = document.documentElement.lang;
        tag.href = base + "topics/" + topic[0] + "/";
        entry.appendChild(tag);
        tags.appendChild(entry);
      });
      byline.appendChild(tags);
    }
    body.appendChild(byline);
    card.appendChild(body);
    item.appendChild(card);
    return item;
  }

  function unavailable(error) {
    if (window.console) console.warn("search:", error);
    list.replaceChildren();
    more.hidden = true;
    suggestion.hidden = true;
    status.replaceChildren(spoken("search_unavailable"));
    // The note says the site was built without search: not when the network failed to bring a file of it
    var note = document.getElementById("search-unavailable");
    if (note) note.hidden = !(error && error.missing);
  }

  // The query and its choices in the address, so that a result page can be shared or reloaded.
  function remember() {
    var url = new URL(window.location.href);
    var chosen = options();
    var set = function (name, value) {
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    };
    set("q", input.value);
    set("topic", chosen.topic);
    set("provider", chosen.provider);
    set("sort", chosen.sort === "date" ? "date" : "");
    // (null: a new query or choice has shown none of its further pages, and the page is at its top)
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function run() {
    clearTimeout(timer);
    remember();
    search(input.value);
  }

  // Topic and provider choices from facets.json, as text.
  function fill(select, entries, wanted) {
    if (!select) return;
    (entries || []).forEach(function (entry) {
      if (!Array.isArray(entry)) return;
      var option = contentUnder(select, element("option", "", entry[1] + " (" + numeral(entry[2]) + ")"));
      option.value = String(entry[0]);
      select.appendChild(option);
    });
    select.value = wanted;
    if (select.value !== wanted) select.value = "";
  }

  // Arrow keys move between the search box and the results' titles; Escape goes back to the box.
  function titles() {
    return Array.prototype.slice.call(list.querySelectorAll(".card-title a"));
  }

  root.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Escape") return;
    var links = titles();
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      if (at < 0) return;
      input.focus();
    } else if (document.activeElement === input && event.key === "ArrowDown" && links.length) {
      links[0].focus();
    } else if (at >= 0) {
      if (event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
      else if (event.key === "ArrowUp") (at ? links[at - 1] : input).focus();
    } else {
      return;
    }
    event.preventDefault();
  });

  input.addEventListener("input", function (event) {
    clearTimeout(timer);
    // Letters an input method is still composing (くまもと, before the reader chooses 熊本) are no query yet: the
    // composition's end searches what was chosen
    if (event.isComposing) return;
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener("compositionend", function () {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  [topicSelect, providerSelect, sortSelect].forEach(function (select) {
    if (select) select.addEventListener("change", run);
  });
  more.addEventListener("click", function () {
    showMore(seq, true);
    history.replaceState({ shown: shown.count }, "");
  });
  // What the reader had shown and where, kept in the address's history entry: a browser that keeps no copy of
  // the page loads it again when the reader comes back from a result, and puts back only the address.
  list.addEventListener("click", function () {
    history.replaceState({ shown: shown.count, y: window.scrollY }, "");
  });

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  var restore = initial ? history.state : null;
  if (sortSelect) sortSelect.value = params.get("sort") === "date" ? "date" : "relevance";
  // The index's meta and stemmer load while the filters are filled, which the first query waits for
  if (initial) ready().catch(function () { /* said by the query */ });
  fetchJSON("facets.json").then(function (facets) {
    fill(topicSelect, facets && facets.topics, params.get("topic") || "");
    fill(providerSelect, facets && facets.providers, params.get("provider") || "");
  }).catch(function () { /* the query below says that search is not available */ }).then(function () {
    if (initial) search(initial);
  });
  // A reader who arrives (from the header's box, a link) is in the box, after the query, before the results: a screen
  // reader says the box, then the live status's count. Back from a result, the page as it was is put back instead.
  if (!restore) {
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
})();
