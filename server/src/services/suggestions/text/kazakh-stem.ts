/**
 * A small Kazakh suffix stripper: Kazakh stacks plural, possessive and case endings on a stem
 * (ел → елдер → елдері → елдерінің), so the same word shows up in many forms. Endings are taken off
 * the end, longest first, up to three times, and never below a three-letter stem. It is not a full
 * morphological analyser: it makes the common inflected forms of a word meet on one key, which is
 * what matching related stories needs. Derivational suffixes (-лық, -шы) are kept: they change the
 * word's meaning.
 */
const ENDINGS = [
  // case endings after a possessive
  'ындағы', 'індегі', 'ынан', 'інен', 'ында', 'інде', 'ына', 'іне', 'ымен', 'імен',
  // locative-attributive
  'ндағы', 'ндегі', 'дағы', 'дегі', 'тағы', 'тегі',
  // possessive (1st/2nd person plural)
  'ымыз', 'іміз', 'ыңыз', 'іңіз', 'мыз', 'міз', 'ңыз', 'ңіз',
  // participles and verb endings of news copy
  'атын', 'етін', 'йтын', 'йтін', 'ған', 'ген', 'қан', 'кен', 'уда', 'уде', 'ады', 'еді', 'йды', 'йді', 'мақ', 'мек',
  // genitive
  'ның', 'нің', 'дың', 'дің', 'тың', 'тің',
  // ablative
  'дан', 'ден', 'тан', 'тен', 'нан', 'нен',
  // locative
  'нда', 'нде', 'да', 'де', 'та', 'те',
  // instrumental
  'мен', 'бен', 'пен',
  // plural
  'лар', 'лер', 'дар', 'дер', 'тар', 'тер',
  // dative
  'ға', 'ге', 'қа', 'ке', 'на', 'не',
  // accusative / past tense
  'ны', 'ні', 'ды', 'ді', 'ты', 'ті', 'ын', 'ін',
  // equative
  'ша', 'ше',
  // possessive (singular)
  'сы', 'сі', 'ым', 'ім', 'ың', 'ің', 'ы', 'і',
].sort((a, b) => b.length - a.length);

const MIN_STEM = 3;
const VOICED_FINALS: Record<string, string> = { г: 'к', ғ: 'қ', б: 'п' };
const PASSES = 3;

export const stemKazakh = (word: string): string => {
  let stem = word;
  for (let pass = 0; pass < PASSES; pass += 1) {
    // A one-letter ending (the 3rd-person -ы/-і) needs a longer stem: short words end in vowels too.
    const ending = ENDINGS.find((suffix) => stem.endsWith(suffix) && stem.length - suffix.length >= (suffix.length === 1 ? MIN_STEM + 1 : MIN_STEM));
    if (!ending) break;
    stem = stem.slice(0, -ending.length);
  }
  // A stem's last к/қ/п voices before a vowel ending (қауіпсіздік → қауіпсіздігі): one key for both.
  const last = stem[stem.length - 1];
  const devoiced = VOICED_FINALS[last];
  return devoiced && stem.length > MIN_STEM ? stem.slice(0, -1) + devoiced : stem;
};
