import { logins, starts, upstreamLoop } from './load';
import { serve } from './ipc';

// The load generator runs in its own process, so its work is never counted as the app's.
serve({ logins, starts, upstreamLoop });
