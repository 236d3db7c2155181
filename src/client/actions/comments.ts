import type { WorksectionUserRef } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import type { UploadFile, WorksectionFile, WorksectionUploadedFile } from './files';
import { asList, asOne } from './shape';
import type { WorksectionId } from './values';

/** A comment on a task (`get_comments`). */
export interface WorksectionComment {
  id: WorksectionId;
  text: string;
  date_added: string;
  user_from?: WorksectionUserRef | null;
  /** With `extra=files`. */
  files?: WorksectionFile[];
  [field: string]: unknown;
}

/** Parameters of `get_comments`. */
export interface GetCommentsParams {
  id_task: WorksectionId;
  /** `files`: the files attached to each comment. */
  extra?: 'files';
}

/** Parameters of `post_comment`. */
export interface PostCommentParams {
  id_task: WorksectionId;
  text: string;
  /** A checklist, one item per entry (`todo[]` in the collection's "post_comment" request). */
  todo?: string[];
  /** Who alone can see the comment, by email, comma-separated. */
  hidden?: string;
  /** Who is mentioned, by email, comma-separated. */
  mention?: string;
  /** Files uploaded with `client.files.upload()`. */
  files?: WorksectionUploadedFile[];
  /**
   * Files sent with the call, as `attach[0]`, `attach[1]`… parts of a `multipart/form-data` POST, the other parameters
   * in the query string (Worksection's FAQ, https://worksection.com/en/faq/api-files.html). A list parameter (`todo`,
   * `files`) cannot go with it: attach those files with `client.files.upload()` and `files` instead.
   */
  attach?: readonly UploadFile[];
}

/** The Comments actions. */
export interface CommentActions {
  get_comments: { params: GetCommentsParams; result: WorksectionComment[] };
  post_comment: { params: PostCommentParams; result: WorksectionComment };
}

/**
 * Comments on tasks: `client.comments`. `Post` is what `post()` takes: the admin client's adds the author
 * (`email_user_from`).
 */
export class CommentsApi<Post extends PostCommentParams = PostCommentParams> {
  /** @internal */
  constructor(private readonly client: ActionCaller<CommentActions>) {}

  /** A task's comments (`get_comments`; `comments_read`). */
  async list(params: GetCommentsParams, options?: CallOptions): Promise<WorksectionList<WorksectionComment>> {
    return asList('get_comments', await this.client.call('get_comments', params, options));
  }

  /** Comments on a task (`post_comment`; `comments_write`). */
  async post(params: Post, options?: CallOptions): Promise<WorksectionComment> {
    return asOne('post_comment', await this.client.call('post_comment', params, options));
  }
}
