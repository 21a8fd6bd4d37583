import { matchPath } from 'react-router-dom';
import { dropEarlyResponses } from './api/early';
import { SESSION_KEY, type SessionState } from './api/session';
import { sessionQuery } from './auth/useSession';
import { ROLE_HOME } from './navigation';
import { preloadEditor } from './pages/applicant/editorSteps';
import { queryClient } from './queryClient';
import { isApplicant, loadRolePages } from './roleRoutes/RolePages';
import { router, SESSION_ROUTE_ID } from './routes';

const EDITOR_PATH = `${ROLE_HOME.applicant}/applications/:id`;

/**
 * Starts, as soon as the entry runs, what the opened page will wait for: the session, then the code of
 * the user's pages and, in the applicant's editor, the application and the code of its step. Without
 * this each is requested only once the one before it has rendered (layout → session → role chunk →
 * application → step), one round trip after another before the first contentful paint. Everything
 * goes through the query cache and the module loaders the pages use, so nothing is fetched twice. The
 * session and the application were requested by src/web/boot.ts already; their responses are taken here.
 */
export function preloadPage(): void {
  const { location, matches } = router.state;
  if (!matches.some((m) => m.route.id === SESSION_ROUTE_ID)) return dropEarlyResponses(); // a public page
  void (async () => {
    await queryClient.prefetchQuery(sessionQuery);
    const user = queryClient.getQueryData<SessionState>(SESSION_KEY)?.user;
    if (!user || user.mustChangePassword) return;
    const pages = loadRolePages(user.roles);
    const editor = matchPath(EDITOR_PATH, location.pathname);
    if (editor?.params.id && isApplicant(user.roles)) {
      await preloadEditor(queryClient, editor.params.id, new URLSearchParams(location.search).get('step'));
    }
    await pages;
  })()
    .catch(() => {
      // Only a head start: the pages load (and report their failures) on their own.
    })
    .finally(dropEarlyResponses);
}
