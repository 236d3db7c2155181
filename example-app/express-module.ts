import express from 'express';

/**
 * The parts of Express the app is built from, passed in so that the same app runs on Express 5 (its default) and on
 * Express 4, which many apps still use: the tests sign in through both.
 */
export interface ExpressModule {
  (): express.Express;
  Router: typeof express.Router;
  urlencoded: typeof express.urlencoded;
}

/** Express 5, as installed with the app. */
export const defaultExpress: ExpressModule = express;
