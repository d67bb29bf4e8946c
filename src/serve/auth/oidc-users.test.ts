import { describe, expect, it } from 'vitest';
import { usernameFrom } from './oidc-users.js';

describe('usernameFrom: a new account is named after the identity', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['preferred_username, lower-cased', { preferred_username: 'Ana', email: 'someone@example.org' }, 'ana'],
    ['spaces become dashes, other punctuation goes', { preferred_username: '  Mei Lin (news) ' }, 'mei-lin-news'],
    ['letters of any script stay', { preferred_username: '王小明' }, '王小明'],
    ['full-width letters are folded (NFKC)', { preferred_username: 'ＡＮＡ' }, 'ana'],
    ['the e-mail local part when there is no username', { email: 'Li.Wei@example.org' }, 'li.wei'],
    ['without its +tag', { email: 'li.wei+news@example.org' }, 'li.wei'],
    ['a username of punctuation only falls back to the e-mail', { preferred_username: '!!!', email: 'tom@example.org' }, 'tom'],
    ['leading and trailing dots and dashes go', { preferred_username: '.-tom-.' }, 'tom'],
    ['"user" when there is neither', {}, 'user'],
    ['"user" when the claims are not strings', { preferred_username: 42, email: ['a@b'] }, 'user'],
    ['at most 60 characters', { preferred_username: 'x'.repeat(100) }, 'x'.repeat(60)],
  ])('%s', (_case, claims, expected) => {
    expect(usernameFrom(claims)).toBe(expected);
  });
});
