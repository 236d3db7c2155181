// The names each entry of the package exports, runtime values and type-only names, as literal lists: a change to
// the public surface fails here until the list is changed with it, so that it is a decision and not an accident.
import path from 'node:path';
import ts from 'typescript';
import * as clientEntry from '../src/client';
import * as rootEntry from '../src';

const ROOT = path.join(__dirname, '..');
const ENTRIES = { root: 'src/index.ts', client: 'src/client/index.ts' } as const;

// One program for both entries: reading the sources' exports needs their bindings, not a full type check.
let program: ts.Program;
beforeAll(() => {
  program = ts.createProgram(
    Object.values(ENTRIES).map((entry) => path.join(ROOT, entry)),
    {
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
  );
});

/** Every name the entry's source exports, values and types, as the compiler sees them. */
function exportedNames(entry: string): string[] {
  const source = program.getSourceFile(path.join(ROOT, entry));
  const checker = program.getTypeChecker();
  const module = source && checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(module).map((symbol) => symbol.name);
}

/** The names of an entry that exist at run time, and the ones that are types only. */
function surface(entry: string, loaded: object): { values: string[]; types: string[] } {
  const values = Object.keys(loaded).sort();
  return {
    values,
    types: exportedNames(entry)
      .filter((name) => !values.includes(name))
      .sort(),
  };
}

const ROOT_VALUES = [
  'ACCESS_DENIED_MESSAGE',
  'ACCOUNT_NOT_ALLOWED_MESSAGE',
  'ACCOUNT_URL_MISMATCH',
  'API_ERROR',
  'API_KEY_REFUSED',
  'BODY_TOO_LARGE',
  'CODE_EXPIRED_MESSAGE',
  'CODE_INVALID_MESSAGE',
  'CODE_USED_MESSAGE',
  'INVALID_ARGUMENT',
  'INVALID_JSON',
  'INVALID_OPTION',
  'INVALID_RESPONSE',
  'MALFORMED_CALLBACK_MESSAGE',
  'MAX_PENDING_SIGN_INS',
  'NETWORK_ERROR',
  'NO_CODE_MESSAGE',
  'NodeTransport',
  'OAUTH_ERROR',
  'RATE_LIMITED',
  'REAUTH_REQUIRED',
  'REFRESH_FAILED',
  'SCOPES',
  'STATE_COOKIE_NAME',
  'STATE_MAX_AGE',
  'STATE_MESSAGE',
  'Strategy',
  'TIMEOUT',
  'UNEXPECTED_CONTENT_TYPE',
  'UNEXPECTED_REDIRECT',
  'UNEXPECTED_STATUS',
  'UNTRUSTED_ACCOUNT_URL',
  'WEBHOOK_FAILED',
  'WorksectionApiError',
  'WorksectionApiKeyError',
  'WorksectionArgumentError',
  'WorksectionConfigError',
  'WorksectionError',
  'WorksectionNetworkError',
  'WorksectionOAuth',
  'WorksectionOAuthError',
  'WorksectionRateLimitError',
  'WorksectionReauthError',
  'WorksectionRefreshError',
  'WorksectionResponseError',
  'WorksectionTimeoutError',
  'WorksectionWebhookError',
  'parseProfile',
];

const ROOT_TYPES = [
  'AuthenticateOptions',
  'FetchFunction',
  'Scope',
  'SignInResult',
  'SignInTokens',
  'SkipUserProfile',
  'StateStore',
  'StrategyOptions',
  'StrategyOptionsWithRequest',
  'TokenParams',
  'TokenSet',
  'VerifyArguments',
  'VerifyCallback',
  'VerifyFunction',
  'VerifyFunctionWithObject',
  'VerifyFunctionWithParams',
  'VerifyFunctionWithRequest',
  'VerifyFunctionWithRequestAndParams',
  'VerifyProfile',
  'WebhookFailureReason',
  'WorksectionOAuthOptions',
  'WorksectionProfile',
  'WorksectionUserInfo',
];

const CLIENT_VALUES = [
  'ACCOUNT_URL_MISMATCH',
  'ACTION_SCOPES',
  'API_ERROR',
  'API_KEY_REFUSED',
  'BODY_TOO_LARGE',
  'INVALID_ARGUMENT',
  'INVALID_JSON',
  'INVALID_OPTION',
  'INVALID_RESPONSE',
  'NETWORK_ERROR',
  'NodeTransport',
  'OAUTH_ERROR',
  'RATE_LIMITED',
  'REAUTH_REQUIRED',
  'RECORD_CAP',
  'REFRESH_FAILED',
  'TIMEOUT',
  'UNEXPECTED_CONTENT_TYPE',
  'UNEXPECTED_REDIRECT',
  'UNEXPECTED_STATUS',
  'UNTRUSTED_ACCOUNT_URL',
  'WEBHOOK_EVENT_NAMES',
  'WEBHOOK_FAILED',
  'WorksectionAdminClient',
  'WorksectionApiError',
  'WorksectionApiKeyError',
  'WorksectionArgumentError',
  'WorksectionClient',
  'WorksectionConfigError',
  'WorksectionError',
  'WorksectionNetworkError',
  'WorksectionOAuthError',
  'WorksectionRateLimitError',
  'WorksectionReauthError',
  'WorksectionRefreshError',
  'WorksectionResponseError',
  'WorksectionTimeoutError',
  'WorksectionWebhookError',
  'createWebhookReceiver',
  'isActionName',
  'isCommentEvent',
  'isProjectEvent',
  'isTaskEvent',
  'isWebhookEvent',
  'scopeOf',
  'webhookMiddleware',
];

const CLIENT_TYPES = [
  'ActionArgs',
  'ActionMap',
  'ActionName',
  'ActionParams',
  'ActionResult',
  'ActionScope',
  'AddContactGroupParams',
  'AddContactParams',
  'AddCostsParams',
  'AddProjectGroupParams',
  'AddProjectTagGroupParams',
  'AddTagsParams',
  'AddTaskTagGroupParams',
  'AddUserGroupParams',
  'AddUserParams',
  'AddWebhookParams',
  'AdminActionArgs',
  'AdminActionMap',
  'AdminActionName',
  'AdminActionParams',
  'AdminActionResult',
  'AdminAddCostsParams',
  'AdminPostCommentParams',
  'AdminPostProjectParams',
  'AdminPostTaskParams',
  'AdminTimersApi',
  'CallOptions',
  'ClientTokens',
  'CommentWebhookEvent',
  'CommentsApi',
  'ContactsApi',
  'CostFields',
  'CostsApi',
  'DeleteCostsParams',
  'DeleteWebhookParams',
  'DownloadParams',
  'FetchFunction',
  'FilesApi',
  'GetAllTasksParams',
  'GetCommentsParams',
  'GetCostsParams',
  'GetCostsTotalParams',
  'GetEventsParams',
  'GetFilesParams',
  'GetProjectParams',
  'GetProjectsParams',
  'GetTagGroupsParams',
  'GetTagsParams',
  'GetTaskParams',
  'GetTasksParams',
  'GetUsersParams',
  'GetUsersScheduleParams',
  'MeParams',
  'NewWebhook',
  'PostCommentParams',
  'PostProjectParams',
  'PostTaskParams',
  'ProjectFields',
  'ProjectMembersParams',
  'ProjectRef',
  'ProjectWebhookEvent',
  'ProjectsApi',
  'ReceivedWebhookEvent',
  'RefreshLock',
  'ScopeSource',
  'SearchTasksParams',
  'StartMyTimerParams',
  'StopMyTimerParams',
  'StopTimerParams',
  'TagsApi',
  'TaskFields',
  'TaskRef',
  'TaskSubscriptionParams',
  'TaskWebhookEvent',
  'TasksApi',
  'TimersApi',
  'TokenRefresher',
  'TokenSet',
  'UpdateCostsParams',
  'UpdateProjectParams',
  'UpdateProjectTagsParams',
  'UpdateTaskParams',
  'UpdateTaskTagsParams',
  'UpdateUsersScheduleAnswer',
  'UpdateUsersScheduleParams',
  'UploadFile',
  'UploadFilesParams',
  'UsersApi',
  'WebhookEvent',
  'WebhookEventName',
  'WebhookEventOf',
  'WebhookFailureReason',
  'WebhookHandler',
  'WebhookMiddleware',
  'WebhookMiddlewareRequest',
  'WebhookReceiverOptions',
  'WebhookUser',
  'WebhooksApi',
  'WorksectionAdminClientOptions',
  'WorksectionClientOptions',
  'WorksectionComment',
  'WorksectionContact',
  'WorksectionContactGroup',
  'WorksectionCost',
  'WorksectionCostProject',
  'WorksectionCostTask',
  'WorksectionCostTotal',
  'WorksectionCostTotals',
  'WorksectionCustomField',
  'WorksectionCustomValue',
  'WorksectionDate',
  'WorksectionDownload',
  'WorksectionEvent',
  'WorksectionFile',
  'WorksectionFlag',
  'WorksectionId',
  'WorksectionList',
  'WorksectionMe',
  'WorksectionMyTimer',
  'WorksectionOk',
  'WorksectionProject',
  'WorksectionProjectGroup',
  'WorksectionSchedule',
  'WorksectionScheduleDay',
  'WorksectionScheduleUpdate',
  'WorksectionTag',
  'WorksectionTagGroup',
  'WorksectionTask',
  'WorksectionTimer',
  'WorksectionUploadedFile',
  'WorksectionUser',
  'WorksectionUserGroup',
  'WorksectionUserRef',
  'WorksectionUsersSchedule',
  'WorksectionWebhook',
];

describe('the public surface', () => {
  it('of passport-worksection is sign-in: the strategy, the core, their types, the messages and the errors', () => {
    expect(surface(ENTRIES.root, rootEntry)).toEqual({ values: ROOT_VALUES, types: ROOT_TYPES });
  });

  it('of passport-worksection/client is the account-API client, its action types and the errors it throws', () => {
    expect(surface(ENTRIES.client, clientEntry)).toEqual({ values: CLIENT_VALUES, types: CLIENT_TYPES });
  });

  it('shares its error classes and codes between the entries, so instanceof holds whichever an app imports', () => {
    const shared = ROOT_VALUES.filter((name) => CLIENT_VALUES.includes(name));
    expect(shared).toContain('WorksectionApiError');
    for (const name of shared) {
      expect((clientEntry as Record<string, unknown>)[name]).toBe((rootEntry as Record<string, unknown>)[name]);
    }
  });

  it('leaves out what only the package itself uses (the call spacer, the refresh memory, the default transport, the state cookie)', () => {
    const everything = [...ROOT_VALUES, ...ROOT_TYPES, ...CLIENT_VALUES, ...CLIENT_TYPES];
    for (const internal of [
      'CallSpacer',
      'defaultCallSpacer',
      'RefreshOutcomes',
      'defaultRefreshOutcomes',
      'defaultNodeTransport',
      'StateCookie',
    ]) {
      expect(everything).not.toContain(internal);
    }
  });
});
