/**
 * English news-like text from a word list written for this bench: wire-style sentences about a
 * city (councils, transit, libraries, weather, the local economy). The meaning is random; the
 * shape, punctuation and occasional entity-worthy characters (&, quotes) are the point.
 */
import type { Rng } from './prng.js';
import type { NewsWriter } from './writer.js';

const list = (text: string): readonly string[] => text.trim().split(/\s*\|\s*/);

const TOWNS = list(`Riverton | Millbrook | Eastfield | Harbor City | Cedar Falls | Northgate | Westbury |
  Lakeside | Oakdale | Pinecrest | Stonebridge | Fairview | Maple Grove | Port Ellis | Brookhaven | Ashford`);
const SUBJECTS = list(`The city council | Local officials | The transit authority | Residents | Library staff |
  Researchers at the state university | The mayor | A spokesperson for the agency | Economists | Small business owners |
  Volunteers | The regional weather service | Hospital administrators | School district leaders | Commuters |
  The planning commission | State lawmakers | The parks department | Union representatives | Fire officials`);
const VERBS = list(`announced | approved | launched | reviewed | expanded | delayed | completed | proposed | funded |
  opened | reported | confirmed | rejected | postponed | introduced | upgraded | debated | unveiled | paused | extended`);
const OBJECTS = list(`a new bus route | the downtown library renovation | plans for a riverside park |
  the annual budget | a pilot program for electric buses | a study of traffic on Main Street |
  repairs to the old harbor bridge | a summer reading program | new bike lanes | a flood warning system |
  the school lunch program | a rent assistance fund | extended hours at the public pool |
  a review of water rates | a cleanup of the industrial waterfront | two new fire stations |
  free Wi-Fi in public squares | the night market on Elm Street | a shelter for winter storms |
  a data center near the rail yard | road resurfacing on the east side | a job training center`);
const TIMES = list(`on Tuesday | last week | earlier this month | this spring | by the end of the year |
  since January | on Friday evening | over the weekend | in the first quarter | after months of debate |
  this morning | late Monday | during the holiday season | next summer`);
const LINKERS = list(`Meanwhile, | However, | In addition, | According to officials, | Separately, |
  As a result, | For now, | Still, | At the same time, | In a statement,`);
const SAY = list(`said | told reporters | noted | added | explained | wrote in a statement | said in an interview`);
const METRICS = list(`Ridership | Library visits | Retail sales | Home prices | Hotel occupancy | Unemployment claims |
  Tax revenue | Average rents | Building permits | Air quality readings`);
const WEATHER = list(`scattered showers | heavy rain | clear skies | gusty winds | light snow | a heat wave |
  morning fog | thunderstorms`);
const FIRST = list(`Maria | James | Aisha | Daniel | Mei | Robert | Sofia | Kwame | Laura | Ethan | Priya | Tom |
  Grace | Omar | Hannah | Lucas`);
const LAST = list(`Alvarez | Chen | Okafor | Brennan | Kowalski | Nguyen | Patel | Schmidt | Rossi | Walker |
  Haddad | Lindqvist | Moreau | Tanaka | Evans | Byrne`);
const ROLES = list(`a city council member | the library director | a transit planner | a local shop owner |
  a professor of economics | the fire chief | a parent of two | a spokesperson for the mayor | a nurse`);
const CATEGORIES = list(`Local | Economy | Transit | Culture | Technology | Education | Weather | Sports | Health |
  Politics | Housing | Environment | R&D`);
const SITES = list(`The Riverton Ledger | Eastfield Daily | Harbor City Courier | Northgate News & Observer |
  Lakeside Post | Millbrook Herald | The Fairview Sentinel | Port Ellis Times`);

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'for', 'in', 'of', 'on', 'the', 'to']);
const titleCase = (s: string): string =>
  s.split(' ').map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : capitalize(w))).join(' ');
const person = (r: Rng): string => `${r.pick(FIRST)} ${r.pick(LAST)}`;
const clause = (r: Rng): string => `${r.pick(SUBJECTS)} in ${r.pick(TOWNS)} ${r.pick(VERBS)} ${r.pick(OBJECTS)}`;

const TEMPLATES: readonly ((r: Rng) => string)[] = [
  (r) => `${clause(r)} ${r.pick(TIMES)}.`,
  (r) => `"We have waited years for ${r.pick(OBJECTS)}," ${person(r)}, ${r.pick(ROLES)}, ${r.pick(SAY)}.`,
  (r) => `${r.pick(LINKERS)} ${lower(r.pick(SUBJECTS))} ${r.pick(VERBS)} ${r.pick(OBJECTS)}, citing rising costs.`,
  (r) => `${r.pick(METRICS)} rose ${r.int(1, 24)}.${r.int(0, 9)} percent ${r.pick(TIMES)}, according to figures from ${r.pick(TOWNS)}.`,
  (r) => `Forecasters expect ${r.pick(WEATHER)} ${r.pick(TIMES)}, with highs near ${r.int(40, 98)} degrees.`,
  (r) => `The project is expected to cost about $${r.int(2, 450)} million and take ${r.int(2, 36)} months.`,
  (r) => `${person(r)}, who has lived in ${r.pick(TOWNS)} for ${r.int(3, 40)} years, said the change "made a real difference."`,
  (r) => `Critics argue that ${r.pick(OBJECTS)} should wait until a review of ${r.pick(OBJECTS)} is complete.`,
  (r) => `About ${r.int(20, 900)} people attended the meeting, and ${r.int(5, 60)} of them spoke during public comment.`,
];

export const englishWriter: NewsWriter = {
  lang: 'en',
  joiner: ' ',
  title: (r) =>
    r.chance(0.5)
      ? titleCase(`${r.pick(TOWNS)} ${r.pick(VERBS)} ${r.pick(OBJECTS).replace(/^(a|the) /, '')}`)
      : titleCase(`${r.pick(METRICS)} up ${r.int(1, 24)}% in ${r.pick(TOWNS)} as ${r.pick(SUBJECTS).replace(/^The /, '')} weigh next steps`),
  sentence: (r) => r.pick(TEMPLATES)(r),
  heading: (r) => capitalize(r.pick(OBJECTS).replace(/^(a|the) /, '')),
  quote: (r) => `We heard from hundreds of residents, and ${r.pick(OBJECTS)} was at the top of their list.`,
  phrase: (r) => `${r.pick(OBJECTS)} in ${r.pick(TOWNS)}`,
  author: person,
  category: (r) => r.pick(CATEGORIES),
  siteName: (r) => r.pick(SITES),
};
