import { html, type SafeHtml } from './html';

/** The page frame: title, the stylesheet (a file, so the CSP needs no inline styles) and a header. */
export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · passport-worksection example</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">passport-worksection example</a></header>
<main>
${body}
</main>
</body>
</html>
`.value;
}
