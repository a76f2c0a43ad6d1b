/**
 * The dev sign-in page: only in the h5 build, which only the local runtime serves. Kept out of the page
 * table (typings/pages.ts) so that nothing of it ships in the weapp build or the cloud functions.
 */
export const DEV_SIGNIN_PAGE = 'pages/dev/signin/index';
