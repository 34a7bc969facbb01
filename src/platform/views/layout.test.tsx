import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { findLocale, LOCALES, translatorFor } from '../i18n/i18n.ts';
import { Bdi, ErrorSummary, PageHeading, TextField } from './components.tsx';
import { Layout, languageHref, URDU_FONT_HREF } from './layout.tsx';

const urdu = translatorFor(findLocale('ur')!);
const english = translatorFor(findLocale('en')!);

function page(t = urdu, currentPath = '/', title = 'Test page'): string {
  return render(
    <Layout t={t} title={title} currentPath={currentPath}>
      <p>Body</p>
    </Layout>,
  );
}

describe('Layout', () => {
  it('renders an Urdu page right to left and preloads the Urdu font', () => {
    const html = page(urdu);
    assert.match(html, /^<html lang="ur" dir="rtl">/);
    assert.ok(html.includes(`<link rel="preload" href="${URDU_FONT_HREF}" as="font" type="font/woff2"`));
    assert.ok(html.includes('<link rel="stylesheet" href="/assets/css/app.css"/>'));
    assert.ok(html.includes('<link rel="icon" href="/assets/images/favicon.svg" type="image/svg+xml"/>'));
    assert.ok(html.includes('<meta charset="utf-8"/>'));
    assert.ok(html.includes('name="viewport"'));
  });

  it('renders an English page left to right without the Urdu font', () => {
    const html = page(english);
    assert.match(html, /^<html lang="en" dir="ltr">/);
    assert.ok(!html.includes(URDU_FONT_HREF));
    assert.ok(html.includes('<title>Test page – Sahulat</title>'));
    assert.ok(
      html.includes('<meta name="description" content="Government of Balochistan digital services"/>'),
    );
  });

  it('links every other language to the same page, keeping and escaping the other query parameters', () => {
    const html = page(english, '/services/search?q=a%26b&note="<x>"&lang=en&page=2');
    assert.ok(
      html.includes(
        '<a href="/services/search?q=a%26b&amp;note=%22%3Cx%3E%22&amp;lang=ur&amp;page=2" lang="ur" hreflang="ur" dir="rtl">اردو</a>',
      ),
      html,
    );
    assert.ok(!html.includes('<x>'));
    const others = LOCALES.filter((locale) => locale.code !== 'en');
    assert.equal(html.match(/hreflang="/g)?.length, others.length);
    assert.ok(!html.includes('hreflang="en"'));
  });

  it('links back to English from Urdu with the English direction', () => {
    assert.ok(
      page(urdu, '/?x=1').includes(
        '<a href="/?x=1&amp;lang=en" lang="en" hreflang="en" dir="ltr">English</a>',
      ),
    );
  });

  it('never builds an off-site language link from a crafted path', () => {
    assert.equal(languageHref('//evil.example/path?a=1', 'ur'), '/path?a=1&lang=ur');
    assert.equal(languageHref('/\\evil.example/', 'ur'), '/?lang=ur');
    assert.equal(languageHref('/a//b', 'ur'), '/a//b?lang=ur');
    assert.equal(languageHref('https://evil.example/p', 'en'), '/p?lang=en');
    assert.equal(languageHref('', 'ur'), '/?lang=ur');
    assert.ok(!page(english, '//evil.example/x').includes('href="//'));
  });

  it('starts the body with a skip link to the focusable main region', () => {
    const html = page(urdu);
    assert.match(html, /<body><a class="skip-link" href="#main-content">مرکزی مواد پر جائیں<\/a><header/);
    assert.match(html, /<main class="main" id="main-content" tabindex="-1"><p>Body<\/p><\/main>/);
  });

  it('escapes user-supplied text in the title', () => {
    const html = page(english, '/', '<script>alert("x")</script> & more');
    assert.ok(
      html.includes('<title>&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; more – Sahulat</title>'),
    );
    assert.ok(!html.includes('<script'));
  });

  it('has no inline script or style, so it runs under a strict CSP', () => {
    for (const html of [page(urdu), page(english, '/?a=<style>')]) {
      assert.ok(!/<script/i.test(html));
      assert.ok(!/<style/i.test(html));
      assert.ok(!/\sstyle=/i.test(html));
      assert.ok(!/\son[a-z]+=/i.test(html));
    }
  });

  it('shows a sign-in link by default, the given header actions instead, and the footer with this year', () => {
    assert.ok(page(english).includes('<a class="header__link" href="/sign-in?next=%2F">Sign in</a>'));
    const html = render(
      <Layout t={english} title="T" currentPath="/" headerActions={<a href="/sign-in">Sign in</a>}>
        x
      </Layout>,
    );
    assert.ok(html.includes('<div class="header__actions"><a href="/sign-in">Sign in</a></div>'));
    assert.ok(html.includes(`© ${new Date().getFullYear()} Government of Balochistan`));
  });
});

describe('components', () => {
  it('PageHeading renders the h1 and an optional lead', () => {
    assert.equal(render(<PageHeading title="A" />), '<h1>A</h1>');
    assert.equal(render(<PageHeading title="A" lead="B" />), '<h1>A</h1><p class="lead">B</p>');
  });

  it('ErrorSummary links each error to its field, and is absent without errors', () => {
    assert.equal(render(<ErrorSummary t={urdu} errors={[]} />), '');
    const html = render(
      <ErrorSummary
        t={english}
        errors={[
          { field: 'cnic', message: 'Enter your CNIC' },
          { field: 'phone', message: 'Enter a <valid> phone number' },
        ]}
      />,
    );
    assert.ok(html.includes('role="alert"'));
    assert.ok(html.includes('>There is a problem</h2>'));
    assert.ok(html.includes('<li><a href="#cnic">Enter your CNIC</a></li>'));
    assert.ok(html.includes('<a href="#phone">Enter a &lt;valid> phone number</a>'));
  });

  it('TextField keeps the typed value, escaped, and ties hint and error to the input', () => {
    const html = render(
      <TextField
        t={urdu}
        id="cnic"
        label="CNIC"
        hint="13 digits"
        error="Wrong"
        value={'"><b>'}
        dir="ltr"
        inputmode="numeric"
        narrow
      />,
    );
    assert.ok(
      html.startsWith('<div class="field field--error"><label class="label" for="cnic">CNIC</label>'),
    );
    assert.ok(html.includes('<span class="visually-hidden">خرابی: </span>Wrong'));
    assert.ok(html.includes('value="&quot;>&lt;b>"'));
    assert.ok(html.includes('aria-describedby="cnic-hint cnic-error"'));
    assert.ok(html.includes('aria-invalid="true"'));
    assert.ok(html.includes('class="input input--narrow"'));
    assert.ok(html.includes('dir="ltr"'));
    const plain = render(<TextField t={english} id="name" label="Name" />);
    assert.ok(!plain.includes('aria-describedby') && !plain.includes('aria-invalid'));
    assert.ok(plain.includes('name="name" type="text" value/>'));
  });

  it('Bdi isolates numbers left to right by default', () => {
    assert.equal(render(<Bdi>35202-1234567-1</Bdi>), '<bdi dir="ltr">35202-1234567-1</bdi>');
    assert.equal(render(<Bdi dir="auto">x</Bdi>), '<bdi dir="auto">x</bdi>');
  });
});
