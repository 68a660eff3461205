/**
 * google.script.run as the emulator's HtmlPage runs it, checked against Google's client-side API reference
 * (guides/html/reference/run, guides/html/communication: "Requests fail if you attempt to pass a Date,
 * Function, DOM element besides a form…; undefined fields within arrays become null"; functions ending in an
 * underscore are private) and tanaikech's measurements of the transfer (a return value holding a Date arrives
 * as null).
 */
import { HtmlPage } from '../../src/node/emulator';

function page(script: string, server: (name: string, args: unknown[]) => unknown): HtmlPage {
  return new HtmlPage(`<!DOCTYPE html><html><body><div id="out"></div><script>${script}</script></body></html>`, server);
}

describe('HtmlPage: google.script.run', () => {
  test('calls the server function by name, asynchronously, and hands a copy of the result to the success handler', async () => {
    const seen: unknown[][] = [];
    const p = page(`
      window.order = [];
      google.script.run.withSuccessHandler(function (v, user) { window.order.push(['ok', v, user]); })
        .withUserObject('u1').add({ a: 1, list: [1, undefined, 'x'] }, 2);
      window.order.push(['sent']);`, (name, args) => {
      seen.push([name, ...args]);
      return { sum: 3 };
    });
    await p.idle();
    expect(seen).toEqual([['add', { a: 1, list: [1, null, 'x'] }, 2]]);
    const order = (p.dom.window as unknown as { order: unknown[] }).order;
    expect(JSON.parse(JSON.stringify(order))).toEqual([['sent'], ['ok', { sum: 3 }, 'u1']]);
    p.close();
  });

  test('a Date or a function as a parameter fails the request; the server is not called', async () => {
    const server = jest.fn();
    const p = page(`
      window.errors = [];
      google.script.run.withFailureHandler(function (e) { window.errors.push(e.message); }).save({ when: new Date() });
      google.script.run.withFailureHandler(function (e) { window.errors.push(e.message); }).save([function () {}]);`, server);
    await p.idle();
    expect(server).not.toHaveBeenCalled();
    expect((p.dom.window as unknown as { errors: string[] }).errors).toEqual([
      'Failed due to illegal value in property: 0.when', 'Failed due to illegal value in property: 0.0',
    ]);
    p.close();
  });

  test('a return value holding a Date arrives as null; a server error reaches the failure handler; private functions cannot be called', async () => {
    const p = page(`
      window.got = [];
      google.script.run.withSuccessHandler(function (v) { window.got.push(v); }).withDate();
      google.script.run.withFailureHandler(function (e) { window.got.push(e.message); }).broken();
      google.script.run.withFailureHandler(function (e) { window.got.push(e.message); }).secret_();`, (name) => {
      if (name === 'withDate') return { at: new Date(0), n: 1 };
      throw new Error('Exception: Range not found');
    });
    await p.idle();
    expect((p.dom.window as unknown as { got: unknown[] }).got).toEqual([null, 'Exception: Range not found', 'Script function not found: secret_']);
    p.close();
  });
});
