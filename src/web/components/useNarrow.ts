import { Grid } from 'antd';

/**
 * A phone-width screen (below antd's `md`, 768 px). Lists then show one card per row (a single column
 * rendered as `.list-card`) instead of columns that would scroll sideways (issue 17). Before the first
 * measurement the screen counts as wide.
 */
export function useNarrow(): boolean {
  return !(Grid.useBreakpoint().md ?? true);
}
