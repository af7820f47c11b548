import { api, ok } from '../../commons/http';

/** Who the caller is, as the token says: the web app shapes its menus from this. */
export const handler = api('system/me', {}, async ({ principal }) => ok(principal));
