/** Reader settings a new user starts with (and what a missing setting means). */
import type { UserSettings } from './store.js';

export const DEFAULT_USER_SETTINGS: Readonly<UserSettings> = Object.freeze({ language: null, timeZone: null, pageSize: 50, sort: 'newest' });
