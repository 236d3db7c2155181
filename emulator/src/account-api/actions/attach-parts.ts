import type { ActionContext } from './action';
import { storeFileParts } from './file-parts';

// "each file transferred as a separate parameter named attach (n), where n is any seed value" (Worksection's FAQ,
// https://worksection.com/en/faq/api-files.html): `attach[0]`, `attach[1]`… in its PHP example.
const ATTACH_PART = /^attach\[[^\]]{0,64}\]$/;

/** Whether a `post_project` / `post_task` / `post_comment` came with `attach[n]` file parts. */
export function hasAttachParts(c: ActionContext): boolean {
  return c.files.some((part) => ATTACH_PART.test(part.name));
}

/**
 * The `attach[n]` file parts of a multipart `post_project`, `post_task` or `post_comment`, stored as that project's,
 * task's or comment's files (as `upload_files` stores its parts, but attached at once). Returns their ids.
 */
export function storeAttachParts(c: ActionContext, target: { projectId: string; taskId?: string; commentId?: string }): string[] {
  const parts = c.files.filter((part) => ATTACH_PART.test(part.name));
  const files = storeFileParts(c, parts, 'attach', {
    taskId: target.taskId ?? '',
    commentId: target.commentId ?? '',
    projectId: target.projectId,
    attached: true,
  });
  return files.map((f) => f.id);
}
