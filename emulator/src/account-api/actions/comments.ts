import { fieldRequired } from '../api-refusals';
import type { CommentRecord } from '../store/records';
import { commentView } from '../views';
import { okData, type ActionHandler } from './action';
import { logEvent } from './events';
import { memberByEmail, membersByEmails, requireTask } from './lookups';
import { hasAttachParts, storeAttachParts } from './attach-parts';
import { attachFiles } from './task-fields';

const getComments: ActionHandler = (c) => {
  const task = requireTask(c);
  return okData(c.store.state.comments.filter((x) => x.taskId === task.id).map((x) => commentView(c, x, c.extra)));
};

const postComment: ActionHandler = (c) => {
  const task = requireTask(c);
  const text = c.p.text('text') ?? '';
  // A comment may be files alone; with neither, Worksection asks for the text.
  if (text.trim() === '' && c.p.raw('files') === undefined && !hasAttachParts(c)) throw fieldRequired('text');
  const comment: CommentRecord = {
    id: c.store.newId(),
    taskId: task.id,
    text,
    fromId: (memberByEmail(c, 'email_user_from') ?? c.me).id,
    added: c.now,
    hidden: c.p.list('hidden').length > 0,
    fileIds: [],
  };
  membersByEmails(c, 'mention');
  comment.fileIds = [
    ...attachFiles(c, { taskId: task.id, commentId: comment.id }),
    ...storeAttachParts(c, { projectId: task.projectId, taskId: task.id, commentId: comment.id }),
  ];
  c.store.state.comments.push(comment);
  const page = `/project/${task.projectId}/${task.id}/#com${comment.id}`;
  logEvent(c, 'post', { type: 'comment', id: comment.id, page, projectId: task.projectId }, [['text', '', comment.text]]);
  // What `extra` asks for, as get_comments (collection: post_comment / success).
  return okData(commentView(c, comment, c.extra));
};

/** The comment actions. */
export const COMMENT_ACTIONS = {
  get_comments: getComments,
  post_comment: postComment,
} satisfies Record<string, ActionHandler>;
