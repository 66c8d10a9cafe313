import nlp from 'compromise';

/**
 * English grammar for card prompts, from compromise (its lexicon and tagger ship inside the npm
 * package). The compiler asks three things of a phrase: is it an instruction ("Run nginx …"), a
 * noun phrase fit to be blanked or asked about, and how does its verb read in the third person
 * ("runs nginx …"). Everything else about a note is structure, not grammar.
 */

/** How a description of a command reads. */
export type DescriptionForm =
  /** "Run nginx …", "Also remove …": an instruction, conjugated for "Which command runs …?". */
  | 'imperative'
  /** "Inspects the image …": already says what the command does. */
  | 'third-person'
  /** "A small image that …": names a result. */
  | 'noun-phrase'
  /** Anything else ("If you …", "In the container try", "Docker version"): not a description. */
  | 'other';

interface Term {
  text: string;
  tags: string[];
  /** Whitespace and punctuation around the word: pre + text + post of every term is the input. */
  pre: string;
  post: string;
}

// Tagging runs once per distinct phrase; notes repeat themselves less than the rules ask.
const cache = new Map<string, Term[]>();
const CACHE_LIMIT = 20_000;

function terms(text: string): Term[] {
  const known = cache.get(text);
  if (known) return known;
  const found: Term[] = [];
  // The tagged document itself, not `.json()`: serialising it costs as much as tagging.
  for (const sentence of nlp(text).docs) {
    for (const term of sentence) found.push({ text: term.text, tags: [...(term.tags ?? [])], pre: term.pre, post: term.post });
  }
  if (cache.size > CACHE_LIMIT) cache.clear();
  cache.set(text, found);
  return found;
}

const has = (term: Term | undefined, tag: string): boolean => term?.tags.includes(tag) ?? false;
const ADVERB_LEADS = new Set(['also', 'only', 'just', 'then', 'first', 'manually', 'quickly', 'now', 'finally', 'simply', 'again']);

// An imperative reads as a verb after a plural subject: "they run nginx". Without the subject
// compromise takes a sentence-initial "Run" or "Print" for a noun.
const SUBJECT = 'they ';

function isPlainVerb(term: Term | undefined): boolean {
  return has(term, 'Verb') && !has(term, 'Modal') && !has(term, 'Auxiliary') && !has(term, 'Gerund') && !has(term, 'Copula');
}

/** Reads a description and returns its form and the predicate for "Which command <predicate>?". */
export function readDescription(description: string): { form: DescriptionForm; predicate: string } {
  const text = description.trim();
  if (!text) return { form: 'other', predicate: '' };
  if (/^(?:a|an|the)\s/i.test(text)) {
    const head = text.replace(/^\S+\s+/, '').split(/\s+(?:that|which|with|for|of|to|in|on)\s/)[0]?.replace(/[.,;:]+$/, '') ?? '';
    // After an article, "a grouping", "a mapping" are nouns whatever their -ing says.
    // "An easy way to test it is to start …" is a sentence about a noun, not a noun phrase.
    const clause = splitClause(text);
    const sentence = clause !== undefined && (clause.copula || !/\b(?:that|which|who|whose)$/i.test(clause.subject));
    const noun = !sentence && (/^[a-z]+ing$/i.test(head) || isNounPhrase(head));
    return { form: noun ? 'noun-phrase' : 'other', predicate: text };
  }
  const words = text.split(/\s+/);
  const lead = (words[0] ?? '').toLowerCase();
  if (ADVERB_LEADS.has(lead) && words.length > 1) {
    const rest = readDescription(words.slice(1).join(' '));
    return rest.form === 'imperative' || rest.form === 'third-person' ? { form: rest.form, predicate: `${lead} ${rest.predicate}` } : { form: 'other', predicate: text };
  }
  // "To fix it I did the following": the author's story, not what the command does.
  if (/\b(?:I|we)\s+(?:did|do|had|have|can|could|will|would|need|used|tried|ran|use)\b/.test(text)) return { form: 'other', predicate: text };
  // A word in capitals or with symbols ("MySQL", "docker-compose") is a name, not a verb.
  if (/[^A-Za-z]/.test(words[0] ?? '') || /[A-Z].*[A-Z]/.test(words[0] ?? '')) return { form: 'other', predicate: text };
  const tagged = terms(SUBJECT + lowerFirstWord(text));
  const first = tagged[1];
  if (!isPlainVerb(first)) {
    // "Print system-wide information": what follows can pull a verb into a noun reading; the
    // word alone before an object ("they print it") says whether it is an instruction.
    const probe = terms(`${SUBJECT}${lead} it`)[1];
    if (!/^[a-z]+$/.test(lead) || !isPlainVerb(probe) || has(probe, 'PastTense') || has(first, 'Adjective') || has(first, 'Determiner')) return { form: 'other', predicate: text };
    return { form: 'imperative', predicate: [thirdPerson(lead), ...words.slice(1)].join(' ') };
  }
  if (has(first, 'PastTense') && !has(first, 'Infinitive')) return { form: 'other', predicate: text };
  const alone = terms(lowerFirstWord(text))[0];
  // "inspects the image": compromise reads it as a verb already in the third person.
  if (has(alone, 'Verb') && has(alone, 'PresentTense') && !has(alone, 'Infinitive') && /s$/.test(lead)) {
    return { form: 'third-person', predicate: lowerFirstWord(text) };
  }
  return { form: 'imperative', predicate: conjugate(text, tagged.slice(1)) };
}

// Replaces the leading verb, and verbs joined to it by "and"/"or", with their third-person form.
function conjugate(text: string, tagged: Term[]): string {
  const out = lowerFirstWord(text).split(/\s+/);
  let wordIndex = 0;
  for (let i = 0; i < tagged.length && wordIndex < out.length; i++) {
    const term = tagged[i];
    const previous = tagged[i - 1]?.text.toLowerCase();
    const afterJoin = previous === 'and' || previous === 'or';
    // "Reload the config and restart the daemon": after "and" the tagger may read the second
    // instruction as a noun; the word alone before an object says which it is.
    const joinedVerb = afterJoin && term !== undefined && (has(term, 'Infinitive') || (/^[a-z]+$/.test(term.text) && has(terms(`${SUBJECT}${term.text} it`)[1], 'Infinitive')));
    const joined = i === 0 || joinedVerb;
    if (term && joined && (isPlainVerb(term) || joinedVerb)) {
      const present = thirdPerson(term.text);
      const at = out.findIndex((word, index) => index >= wordIndex && word.toLowerCase().replace(/[^a-z]/g, '') === term.text.toLowerCase());
      if (at >= 0) {
        const word = out[at] ?? '';
        out[at] = word.toLowerCase().replace(term.text.toLowerCase(), present);
        wordIndex = at + 1;
      }
    }
  }
  return out.join(' ');
}

/** "run" → "runs", "push" → "pushes", "copy" → "copies": the verb's present third person. */
export function thirdPerson(verb: string): string {
  const key = verb.toLowerCase();
  const known = conjugations.get(key);
  if (known) return known;
  const conjugated = nlp(`they ${key}`).verbs().conjugate()[0] as { PresentTense?: string } | undefined;
  const present = conjugated?.PresentTense;
  // compromise conjugates phrasal verbs whole ("checks out"); only the verb word is wanted here.
  const result = present && !present.includes(' ') ? present : key;
  if (conjugations.size < CACHE_LIMIT) conjugations.set(key, result);
  return result;
}

const conjugations = new Map<string, string>();

const NOUNISH = ['Noun', 'Adjective', 'Acronym', 'Value', 'ProperNoun', 'Possessive'];
const BANNED = ['Verb', 'Adverb', 'Preposition', 'Conjunction', 'Pronoun', 'QuestionWord', 'Expression'];

/**
 * Whether a phrase is a term fit for a cloze blank or a "What is …?": a noun phrase ("container
 * image", "kube-proxy", "the pause container"), never a verb, adverb or function word. Words with
 * symbols or digits (`.kube/config`, `apps/v1`, `kube-dns`) are names whatever a tagger says.
 */
export function isNounPhrase(phrase: string): boolean {
  const text = phrase.trim().replace(/^(?:a|an|the)\s+/i, '');
  if (!text || /[,;:()?!]/.test(text)) return false;
  const words = text.split(/\s+/);
  // Names with symbols ("kube-dns", "apps/v1") stand in as a plain noun, so that the tagger sees
  // one word per word and the phrase around them is still read.
  const plain = words.map((word) => (/[^A-Za-z']/.test(word) || /^[A-Z0-9]{2,}s?$/.test(word) ? 'widget' : word));
  // After "the", a lone "digest" or "tag" reads as the noun it is in a subject.
  const tagged = terms(`the ${plain.join(' ')}`).slice(1);
  if (tagged.length !== words.length) return false;
  const alone = terms(plain.join(' '))[0];
  if (has(alone, 'Adverb') || has(alone, 'Preposition') || has(alone, 'Conjunction') || has(alone, 'Pronoun')) return false;
  // People are not terms ("Stephen forgot …").
  if (tagged.some((term) => has(term, 'Person') || has(term, 'FirstName'))) return false;
  return tagged.every((term, index) => {
    if (plain[index] === 'widget' && words[index] !== 'widget') return true; // a name or an acronym
    if (has(term, 'Determiner')) return index === 0;
    // "running containers", "persistent volume": a participle or gerund before a noun is an adjective.
    if (has(term, 'Verb') && index < tagged.length - 1 && (has(term, 'Gerund') || has(term, 'Participle') || has(term, 'PastTense'))) return true;
    if (has(term, 'Verb') && has(term, 'Noun')) return true;
    // "Config maps": past the first word, a present-tense "verb" in a subject is a plural noun.
    if (has(term, 'Verb') && !has(term, 'Copula')) return index > 0 && has(term, 'PresentTense') && /s$/.test(term.text);
    if (BANNED.some((tag) => has(term, tag)) && !has(term, 'Noun')) return false;
    return NOUNISH.some((tag) => has(term, tag));
  });
}

/** Whether a noun phrase is plural ("cgroups", "Persistent volumes"), for "What is/are …?". */
export function isPluralPhrase(phrase: string): boolean {
  const last = terms(phrase.trim()).at(-1);
  if (!last) return false;
  // Names that end in "s" but are one thing: Kubernetes, DNS, Ingress, status, TLS.
  if (/(?:etes|ss|us|is|dns|tls|aws|https|ps|os)$/i.test(last.text)) return false;
  if (/^[A-Z0-9]+$/.test(last.text)) return false;
  return has(last, 'Plural') && !has(last, 'Singular');
}

/** "Restart policies" → "restart policy"; names in capitals keep their case. */
export function singularOf(phrase: string): string {
  // Only the head noun is plural ("Kubernetes services" → "Kubernetes service"); names before it
  // keep their spelling whatever their last letter.
  const words = phrase.trim().split(/\s+/);
  const last = words.pop() ?? '';
  // After "the", a lone "types" is the noun it is here, not a verb.
  const doc = nlp(`the ${last}`);
  doc.nouns().toSingular();
  const singular = doc.text().replace(/^the\s+/i, '');
  return [...words, singular || last].join(' ');
}

/** Sentences of a line, split by compromise (it knows "e.g." and "i.e." are no sentence ends). */
export function sentencesOf(text: string): string[] {
  // Most note lines are one sentence; only a stop followed by more words needs the tokenizer
  // (which splits without tagging, a fraction of the cost).
  if (!/[.!?]["')\]]*\s+\S/.test(text)) return text.trim() ? [text.trim()] : [];
  const docs = nlp.tokenize(text).json() as { text: string }[];
  return docs.map((doc) => doc.text.trim()).filter((s) => s.length > 0);
}

function lowerFirstWord(text: string): string {
  const first = text.split(/\s+/)[0] ?? '';
  if (/[A-Z].*[A-Z]/.test(first)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A definitional sentence split at its main verb: "etcd" · "is" · "a consistent … store". */
export interface Clause {
  subject: string;
  verb: string;
  predicate: string;
  /** The verb is a copula or "means"/"refers to"/"stands for": the sentence says what the subject is. */
  copula: boolean;
}

const DEFINING_VERBS = /^(?:means|refers to|stands for|is called|are called)$/;

/**
 * Splits a sentence at its first finite verb, as tagged by compromise: the subject is every word
 * before it. Returns undefined when the sentence has no verb or starts with one.
 */
export function splitClause(sentence: string): Clause | undefined {
  const tagged = terms(sentence.trim());
  const join = (from: number, to: number): string => tagged.slice(from, to).map((t) => t.pre + t.text + t.post).join('').trim();
  for (let i = 0; i < tagged.length; i++) {
    const term = tagged[i];
    if (!term) continue;
    const previous = tagged[i - 1];
    const afterTo = previous?.text.toLowerCase() === 'to' || has(previous, 'Modal') || has(previous, 'Auxiliary');
    const isVerb = (has(term, 'Verb') && !has(term, 'Gerund') && !(has(term, 'Infinitive') && afterTo)) || has(term, 'Copula');
    const adjectival = has(term, 'Participle') || (has(term, 'PastTense') && !has(term, 'Copula') && i < tagged.length - 1 && has(tagged[i + 1], 'Noun'));
    if (!isVerb || adjectival || (has(term, 'Noun') && !has(term, 'Copula'))) continue;
    // "make sure", "sets up", "used to": particles and adjectives tagged inside a verb phrase.
    if (has(term, 'Particle') || has(term, 'Adjective') || has(term, 'Preposition') || !/^[a-z']+$/i.test(term.text) || term.text.toLowerCase() === 'to') continue;
    // A first word tagged as a verb is either an instruction or a noun used as a modifier
    // ("Network policies provide …"); a later verb decides which.
    if (i === 0) {
      if (has(term, 'Copula')) return undefined;
      continue;
    }
    const next = tagged[i + 1];
    // "Kubernetes labels provide …": a plural noun the tagger took for a verb, the real verb after it.
    if (!has(term, 'Copula') && /s$/.test(term.text) && next && has(next, 'Verb') && !has(next, 'Gerund') && !has(next, 'PastTense') && !has(next, 'Particle')) continue;
    let verb = term.text;
    let rest = i + 1;
    if (next && DEFINING_VERBS.test(`${verb} ${next.text}`.toLowerCase())) {
      verb = `${verb} ${next.text}`;
      rest = i + 2;
    }
    return {
      subject: join(0, i),
      verb,
      predicate: join(rest, tagged.length),
      copula: has(term, 'Copula') || DEFINING_VERBS.test(verb.toLowerCase()),
    };
  }
  return undefined;
}
