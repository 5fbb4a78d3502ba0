'use strict';
// Drives the mood monitor page in headless Chromium as an organiser would. Run by DashboardBrowserIntegrationTest
// (see that class for the environment it passes); exits 0 when every step passed and the page logged no error.
//
//   SCENARIO=organiser   sign in, upload a group photo, its card with face count and boxes, its detail (scores,
//                        the known person), add and remove an e-mail subscription with an emotion filter, run an
//                        export, upload a photo that is too small and read its rejection, delete the group photo,
//                        sign out
//   SCENARIO=wrong-key   sign in with a key the API refuses: its 401 message is shown and no data
//   SCENARIO=many-photos drop more photos at once than the tenant's usage plan lets through in a second: every one
//                        is uploaded and analysed, none reported failed, and the page itself is never refused (429);
//                        an export asked for while the uploads fill the queue goes before the uploads still waiting
//   SCENARIO=large-photo upload a photo over the API's direct upload limit: it goes through a presigned URL straight
//                        to S3 and is analysed like any other

const path = require('path');
const { chromium } = require('playwright-core');

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error('environment variable ' + name + ' is not set (DashboardBrowserIntegrationTest sets it)');
  return value;
};
const SCENARIO = env('SCENARIO');
const PAGE_URL = env('DASHBOARD_URL');
const KEY = env('TENANT_KEY');
const SHOTS = env('SCREENSHOTS_DIR');
/** Analysis of the first photo includes the analyser's warm-up on a busy machine. */
const ANALYSIS_TIMEOUT_MS = 180000, STEP_TIMEOUT_MS = 30000;

const problems = [];
let step = 'start';
const log = message => console.log('[' + SCENARIO + '] ' + message);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function until(what, probe, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error('timed out after ' + timeout + ' ms waiting for ' + what + (last ? ' (last: ' + last + ')' : ''));
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

async function shot(page, name) {
  const file = path.join(SHOTS, SCENARIO + '-' + name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  log('screenshot ' + file);
}

/**
 * Text whose contrast with its background is below WCAG AA (4.5:1; 3:1 for large text), in the open dialog or else
 * the whole page. Disabled controls are exempt, as in WCAG.
 */
async function lowContrastTexts(page) {
  return page.evaluate(() => {
    const rgb = text => (text.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
      .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const background = node => {
      for (let n = node; n; n = n.parentElement) {
        const colour = rgb(getComputedStyle(n).backgroundColor);
        if (colour.length === 3 || colour[3] > 0) return colour.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const dialog = document.querySelector('dialog[open]');
    const root = dialog || document.body;
    const failures = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const element = text.parentElement;
      if (!text.textContent.trim() || element.closest('svg, [hidden], :disabled, option')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none' || !element.getClientRects().length) continue;
      const [a, b] = [luminance(rgb(style.color)), luminance(background(element))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < needed) failures.push(JSON.stringify(text.textContent.trim().slice(0, 40)) + ' ' + ratio.toFixed(2) + ':1');
    }
    return failures;
  });
}

async function signIn(page, key) {
  step = 'sign in';
  await page.goto(PAGE_URL);
  await page.getByLabel('Tenant API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function organiser(page) {
  const tenant = KEY.slice(0, KEY.indexOf('.'));
  const faces = Number(env('EXPECTED_FACES'));
  await signIn(page, KEY);
  await until('the tenant name in the header', async () => (await page.locator('#who').textContent()) === 'Tenant: ' + tenant);
  await until('the empty image list', async () => (await page.locator('#images-status').textContent()).includes('No images yet'));
  await shot(page, '01-signed-in');

  step = 'upload through the file input';
  await page.locator('#files').setInputFiles(env('PHOTO'));
  await until('the photo card saying ' + faces + ' faces', async () =>
    (await page.locator('#images li.card').first().locator('.summary').textContent()).startsWith(faces + ' faces'), ANALYSIS_TIMEOUT_MS);
  const imageId = await page.locator('#images li.card').first().getAttribute('data-image-id');
  const card = page.locator('#images li.card[data-image-id="' + imageId + '"]');
  await until(faces + ' face boxes on the card', async () => (await card.locator('.box').count()) === faces);
  await until('the upload line saying analysed', async () => (await page.locator('#uploads').textContent()).includes('Analysed: ' + faces + ' faces'));
  await until('the chart with the faces', async () => (await page.locator('#chart-svg-desc').textContent()).startsWith(faces + ' faces'));
  check((await page.locator('#updated').textContent()).startsWith('Last updated'), 'the "last updated" time is shown');
  const lowOnPage = await lowContrastTexts(page);
  check(lowOnPage.length === 0, 'text contrast is at least 4.5:1 on the page: ' + lowOnPage.join(', '));
  await shot(page, '02-analysed');

  step = 'live updates pause while the tab is hidden';
  let polls = 0;
  page.on('request', request => { if (/\/images\?limit=/.test(request.url())) polls++; });
  const setVisibility = state => page.evaluate(visibility => {
    Object.defineProperty(document, 'visibilityState', { value: visibility, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
  await setVisibility('hidden');
  polls = 0;
  await new Promise(resolve => setTimeout(resolve, 6000));
  check(polls === 0, 'no polling while the tab is hidden (' + polls + ' requests)');
  await setVisibility('visible');
  await until('a poll as soon as the tab is visible again', async () => polls > 0, 2000);

  step = 'image detail';
  await card.locator('button.thumb').click();
  const dialog = page.locator('#detail');
  await until('the detail dialog with ' + faces + ' faces listed', async () =>
    await dialog.isVisible() && (await dialog.locator('ol.faces > li').count()) === faces);
  await until(faces + ' numbered boxes on the large photo', async () => (await dialog.locator('.photo .box .tag').count()) === faces);
  for (let i = 0; i < faces; i++) {
    const face = dialog.locator('ol.faces > li').nth(i);
    check((await face.locator('.scores li').count()) === 8, 'face ' + (i + 1) + ' lists the eight emotion scores');
    check(/^Face \d+: /.test(await face.locator('div').first().textContent()), 'face ' + (i + 1) + ' is named');
  }
  const known = env('KNOWN_PERSON');
  await until('the known person named with a match confidence', async () =>
    /^Recognised: .+, match \d+\.\d%$/.test(await dialog.locator('.celebrity').first().textContent()));
  check((await dialog.locator('.celebrity').first().textContent()).includes(known), 'the recognised face is ' + known);
  check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'detail-close'), 'focus moves into the dialog');
  const lowInDetail = await lowContrastTexts(page);
  check(lowInDetail.length === 0, 'text contrast is at least 4.5:1 in the detail: ' + lowInDetail.join(', '));
  await dialog.locator('summary', { hasText: 'Full analysis (JSON)' }).click();
  const json = JSON.parse(await dialog.locator('details pre').textContent());
  check(Array.isArray(json.faces) && json.faces.length === faces, 'the full analysis JSON lists every face');
  await shot(page, '03-detail');
  await page.keyboard.press('Escape');
  await until('the dialog to close', async () => !(await dialog.isVisible()));
  check(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('thumb')), 'focus returns to the photo');

  step = 'an API error next to the form';
  await page.getByLabel('Send to').selectOption('https');
  await page.getByLabel('Webhook URL (https)').fill('not a url');
  await page.getByRole('button', { name: 'Add subscription' }).click();
  await until('the API\'s 400 message next to the form', async () =>
    (await page.locator('#subscription-error').textContent()).startsWith('Not added: endpoint must be'));
  check(await page.locator('#subscription-endpoint').getAttribute('aria-invalid') === 'true', 'the endpoint is marked invalid');
  check((await page.locator('#subscriptions li').count()) === 0, 'nothing was added');

  step = 'add a subscription';
  await page.getByLabel('Send to').selectOption('email');
  await page.getByLabel('E-mail address').fill('organiser@example.org');
  await page.locator('#subscription-emotions').getByLabel('Happy').check();
  await page.getByRole('button', { name: 'Add subscription' }).click();
  const subscription = page.locator('#subscriptions li', { hasText: 'organiser@example.org' });
  await until('the new subscription in the list', async () => (await subscription.count()) === 1);
  check((await subscription.textContent()).includes('Photos with faces happy'), 'the subscription shows its emotion filter');
  check((await page.locator('#subscription-error').textContent()) === '', 'no error next to the form');
  await shot(page, '04-subscription');

  step = 'remove the subscription';
  await subscription.getByRole('button', { name: /^Remove/ }).click();
  await until('the subscription to leave the list', async () => (await subscription.count()) === 0);
  await until('the removal to be announced', async () => (await page.locator('#subscriptions-status').textContent()).includes('removed'));

  step = 'run an export';
  await page.getByRole('button', { name: 'Run export now' }).click();
  const link = page.locator('#exports li a').first();
  await until('the export link', async () => (await link.count()) === 1 && /\(CSV\)$/.test(await link.textContent()));
  const href = await link.getAttribute('href');
  check(/^https?:\/\//.test(href) && href.includes('exports/' + tenant + '/'), 'the export link points at the tenant\'s export: ' + href);
  check((await page.locator('#export-error').textContent()) === '', 'no export error');
  await shot(page, '05-export');

  step = 'a rejected photo';
  await page.locator('#files').setInputFiles(env('TOO_SMALL_PHOTO'));
  const rejected = page.locator('#images li.card', { has: page.locator('.badge.REJECTED') });
  await until('the rejected card', async () => (await rejected.count()) === 1, ANALYSIS_TIMEOUT_MS);
  check((await rejected.textContent()).includes('TOO_SMALL'), 'the card names the rejection reason');
  await rejected.locator('button.thumb').click();
  await until('the rejection in the detail', async () => (await dialog.locator('h3').first().textContent()) === 'Why it was rejected');
  const advice = await dialog.locator('.detail p').nth(1).textContent();
  check((await dialog.locator('.detail p.error').textContent()) === 'TOO_SMALL' && advice.length > 20, 'the reason and its advice are shown: ' + advice);
  await shot(page, '06-rejected-detail');
  await dialog.getByRole('button', { name: 'Close' }).click();

  step = 'delete the photo from its detail';
  await card.locator('button.thumb').click();
  await until('the detail dialog', async () => (await dialog.locator('ol.faces > li').count()) === faces);
  await page.getByRole('button', { name: 'Delete photo' }).click(); // the confirm() is accepted below
  await until('the card to disappear', async () => (await card.count()) === 0);
  // Listing the tenant's images again: the photo must stay gone, the rejected one stays.
  await page.getByRole('button', { name: 'Reload' }).click();
  await until('the list after a reload', async () => (await page.locator('#images-status').textContent()) === 'One image.');
  check((await card.count()) === 0 && (await rejected.count()) === 1, 'the deleted photo stays gone, the other stays');
  await shot(page, '07-deleted');

  step = 'sign out';
  await page.getByRole('button', { name: 'Sign out' }).click();
  await until('the signed-out header', async () => (await page.locator('#who').textContent()) === 'Not signed in');
  check(await page.evaluate(() => sessionStorage.length === 0), 'the key is gone from session storage');
  check((await page.locator('#subscriptions li, #exports li, #images li').count()) === 0, 'no data is left on the page');
  await shot(page, '08-signed-out');
}

async function wrongKey(page) {
  const message = env('EXPECTED_MESSAGE');
  await signIn(page, KEY);
  step = 'the 401 message';
  await until('the API\'s 401 message', async () => {
    const alert = await page.locator('#alert').textContent();
    return alert.includes('did not accept this key') && alert.includes(message);
  });
  check(await page.locator('#key').getAttribute('aria-invalid') === 'true', 'the key field is marked invalid');
  // Every request of the sign-in has answered (or the statuses would still say Loading).
  await until('every panel to give up', async () => {
    for (const id of ['#images-status', '#chart-status', '#subscriptions-status', '#exports-status']) {
      if (!(await page.locator(id).textContent()).includes('Not available with this key')) return false;
    }
    return true;
  });
  check((await page.locator('#images li, #subscriptions li, #exports li, #moments li, #chart svg').count()) === 0, 'no data is shown');
  await shot(page, '01-refused');
}

async function manyPhotos(page) {
  const photos = env('PHOTOS').split(path.delimiter);
  let throttled = 0;
  page.on('response', response => { if (response.status() === 429) throttled++; });
  await signIn(page, KEY);
  await until('the empty image list', async () => (await page.locator('#images-status').textContent()).includes('No images yet'));

  // Each upload is held a moment on its way, so that uploads fill every slot the page allows itself: an export the
  // organiser asks for meanwhile must still go before the uploads still waiting.
  await page.route(/\/images\/[^/?]+$/, async route => {
    if (route.request().method() === 'PUT') await new Promise(resolve => setTimeout(resolve, 1500));
    await route.continue();
  });
  const sent = [];
  page.on('request', request => {
    if (request.method() === 'PUT' && /\/images\//.test(request.url())) sent.push('upload');
    if (request.method() === 'POST' && /\/exports$/.test(request.url())) sent.push('export');
  });

  step = 'drop ' + photos.length + ' photos at once';
  await page.locator('#files').setInputFiles(photos);
  await until('the first upload to start', async () => sent.includes('upload'));
  await page.getByRole('button', { name: 'Run export now' }).click();
  const lines = page.locator('#uploads li');
  await until(photos.length + ' upload lines', async () => (await lines.count()) === photos.length);
  let failed = null;
  await until('every upload analysed', async () => {
    const texts = await lines.allTextContents();
    failed = texts.find(text => text.includes('Failed')) || null;
    return failed || texts.every(text => text.includes('Analysed: '));
  }, ANALYSIS_TIMEOUT_MS);
  check(!failed, 'an upload was reported failed: ' + failed);
  await until('a card for each of the ' + Math.min(photos.length, 12) + ' most recent', async () =>
    (await page.locator('#images li.card .thumb img').count()) === Math.min(photos.length, 12));
  const uploadsBeforeExport = sent.indexOf('export');
  check(uploadsBeforeExport >= 0 && uploadsBeforeExport <= 4, 'the export asked for during the uploads went before the uploads still waiting (it was sent after ' + uploadsBeforeExport + ' of ' + photos.length + ' uploads)');
  check(throttled === 0, 'the page was answered 429 Too Many Requests ' + throttled + ' time(s): it must pace itself within the tenant\'s usage plan');
  await shot(page, '01-all-analysed');
}

async function largePhoto(page) {
  const faces = Number(env('EXPECTED_FACES'));
  let presigned = 0, direct = 0;
  page.on('request', request => {
    if (request.method() === 'POST' && /\/uploads$/.test(request.url())) presigned++;
    if (request.method() === 'PUT' && /\/images\//.test(request.url())) direct++;
  });
  await signIn(page, KEY);
  await until('the empty image list', async () => (await page.locator('#images-status').textContent()).includes('No images yet'));

  step = 'upload a photo over the direct upload limit';
  await page.locator('#files').setInputFiles(env('PHOTO'));
  let failed = null;
  await until('the upload line saying analysed', async () => {
    const text = await page.locator('#uploads').textContent();
    if (text.includes('Failed')) failed = text;
    return failed || text.includes('Analysed: ' + faces + ' faces');
  }, ANALYSIS_TIMEOUT_MS);
  check(!failed, 'the upload failed: ' + failed);
  check(presigned === 1 && direct === 0, 'the photo went through one presigned upload (' + presigned + ') and no direct PUT (' + direct + ')');
  await until('its card saying ' + faces + ' faces', async () =>
    (await page.locator('#images li.card').first().locator('.summary').textContent()).startsWith(faces + ' faces'));
  await shot(page, '01-analysed');
}

(async () => {
  const browser = await chromium.launch({ executablePath: env('CHROMIUM'), headless: true, args: ['--no-sandbox'] });
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', error => problems.push('page error during "' + step + '": ' + error.message));
    page.on('console', message => {
      if (message.type() !== 'error') return;
      // The wrong key's refused requests are what that scenario is about; Chromium logs each as an error.
      if (SCENARIO === 'wrong-key' && /status of 401/.test(message.text())) return;
      // Likewise the refused subscription whose 400 message the page must show.
      if (step === 'an API error next to the form' && /status of 400/.test(message.text())) return;
      problems.push('console error during "' + step + '": ' + message.text());
    });
    page.on('dialog', dialog => dialog.accept());
    if (SCENARIO === 'organiser') await organiser(page);
    else if (SCENARIO === 'wrong-key') await wrongKey(page);
    else if (SCENARIO === 'many-photos') await manyPhotos(page);
    else if (SCENARIO === 'large-photo') await largePhoto(page);
    else throw new Error('unknown SCENARIO ' + SCENARIO);
    step = 'end';
    if (problems.length) throw new Error(problems.length + ' page or console error(s), listed below');
    log('passed');
  } catch (error) {
    log('FAILED during "' + step + '": ' + error.message);
    // what the browser said until then (a refused request's reason, say) explains most failures
    for (const problem of problems) log(problem);
    process.exitCode = 1;
    if (page) await shot(page, 'failed').catch(shotError => log('no screenshot of the failure: ' + shotError.message));
  } finally {
    await browser.close();
  }
})();
