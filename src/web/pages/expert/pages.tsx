import type { RolePage } from '../../routes';
import { AssignmentPage } from './AssignmentPage';
import { AssignmentsPage } from './AssignmentsPage';
import { expertPaths as p } from './paths';

const roles = ['expert'] as const;

/** Routes of the expert (评审专家) beyond the landing page. */
export const expertPages: RolePage[] = [
  { path: p.assignments, roles, element: <AssignmentsPage /> },
  { path: `${p.assignments}/:id`, roles, element: <AssignmentPage /> },
];
