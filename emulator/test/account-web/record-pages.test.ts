import { createEmulator, type Emulator } from '../../src';

let emu: Emulator;
beforeEach(async () => {
  emu = await createEmulator({ autoApprove: true });
});
afterEach(async () => {
  await emu.close();
});

const get = async (url: string) => {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
};

describe("the emulator's stand-ins for Worksection's project and task pages", () => {
  it("serve the page a project's `page` path names, with its tasks linking to theirs", async () => {
    const page = await get(`${emu.accountUrl('acc1234')}/project/101/`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain('<h1>Website relaunch</h1>');
    expect(page.body).toContain('<a href="/acc1234/project/101/1002/">Content migration</a>');
  });

  it("serve the page a task's `page` path names, linking back to its project", async () => {
    const page = await get(`${emu.accountUrl('acc1234')}/project/101/1002/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Content migration</h1>');
    expect(page.body).toContain('<a href="/acc1234/project/101/">Website relaunch</a>');
  });

  it("answer 404 for a project or task the account does not have, or another account's", async () => {
    expect((await get(`${emu.accountUrl('acc1234')}/project/999/`)).status).toBe(404);
    expect((await get(`${emu.accountUrl('acc1234')}/project/101/1003/`)).status).toBe(404);
    expect((await get(`${emu.accountUrl('acc5678')}/project/101/`)).status).toBe(404);
    expect((await get(`${emu.url}/nobody/project/101/`)).status).toBe(404);
  });

  it('show what the API wrote, escaped', async () => {
    const store = emu.accountStores.get('acc1234');
    const project = store.project('101')!;
    project.name = '<script>alert(1)</script>';
    const page = await get(`${emu.accountUrl('acc1234')}/project/101/`);
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;script&gt;');
  });
});
