/** The app's stylesheet, served at `/style.css`. */
export const STYLESHEET = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f4f6f8; }
header { background: #1d2733; padding: .75rem 1.5rem; display: flex; flex-wrap: wrap; align-items: center;
  justify-content: space-between; gap: .5rem 1.5rem; color: #dfe6ec; }
header a, header button.link { color: #fff; text-decoration: none; font-weight: 600; }
header nav { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.1rem; }
header .who { overflow-wrap: anywhere; }
form.inline { display: inline; margin: 0; }
button.link { background: none; border: 0; padding: 0; font: inherit; cursor: pointer; text-decoration: underline; }
main { max-width: 40rem; margin: 2rem auto; padding: 2rem; background: #fff; border-radius: 8px;
  box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h1 { margin-top: 0; font-size: 1.5rem; }
.button { display: inline-block; padding: .6rem 1.2rem; border: 0; border-radius: 6px; background: #3b8a3e;
  color: #fff; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
.button.secondary { background: #5b6b7b; }
.notice { padding: .75rem 1rem; border-radius: 6px; background: #fdecea; color: #8a1c12; }
.notice.ok { background: #e8f5e9; color: #1b5e20; }
.actions { display: flex; gap: .75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1.2rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
ul.scopes { margin: 0; padding-left: 1.1rem; }
ul.links { display: flex; gap: 1.5rem; list-style: none; padding: 0; }
h2 { font-size: 1.15rem; margin-top: 1.75rem; }
ol.comments { padding-left: 1.2rem; }
ul.costs { padding-left: 1.2rem; }
ul.costs li { overflow-wrap: anywhere; }
ol.comments p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
form.stacked { display: grid; gap: .4rem; max-width: 28rem; }
form.stacked .button { justify-self: start; margin-top: .4rem; }
textarea, input:not([type=hidden]) { font: inherit; padding: .4rem .5rem; border: 1px solid #b8c2cc; border-radius: 6px; }
`;
