/*
 * Signing in, where the server wants a bearer token: a token pasted once is kept for this tab only
 * (sessionStorage), and sent in the Authorization header, never in a URL. A page the server refuses for want
 * of a token (401) is fetched again with it and shown; while a token is kept, this server's links are
 * followed the same way (a page replaces this one, a file is downloaded), since a plain link cannot carry a
 * header. The other scripts send it through rgbunmixAuth.headers().
 */
(function () {
  'use strict';
  var KEY = 'rgbunmix.token';

  function token() {
    try { return window.sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  function headers(extra) {
    var all = extra || {};
    var kept = token();
    if (kept) { all.Authorization = 'Bearer ' + kept; }
    return all;
  }

  /** Shows a page or a file of this server, fetched with the token. */
  function open(url, remember) {
    return fetch(url, {headers: headers({Accept: 'text/html'})}).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (type.indexOf('text/html') === 0) {
        return response.text().then(function (html) {
          if (remember) { window.history.pushState(null, '', url); }
          // a refused token must not be sent again and again: the page that comes back says so
          window.rgbunmixFetched = response.status === 401 ? window.location.href : null;
          document.open();
          document.write(html);
          document.close();
        });
      }
      return response.blob().then(function (blob) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = url.split('?')[0].split('/').pop() || 'download';
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    });
  }

  /** A URL of this server's to a picture or a file, as an object URL made with the token. */
  function objectUrl(url) {
    if (!token()) { return Promise.resolve(url); }
    return fetch(url, {headers: headers()}).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.blob();
    }).then(function (blob) { return URL.createObjectURL(blob); });
  }

  /** Goes to a page of this server, with the token when one is kept. */
  function go(url) {
    if (token()) { open(url, true); } else { window.location.href = url; }
  }

  window.rgbunmixAuth = {headers: headers, objectUrl: objectUrl, go: go};

  function followLinks(event) {
    var link = event.target.closest ? event.target.closest('a[href]') : null;
    if (!link || !token() || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey
        || event.shiftKey || link.target) { return; }
    var url = new URL(link.getAttribute('href'), window.location.href);
    if (url.origin !== window.location.origin || url.pathname.indexOf('/static/') === 0
        || url.pathname.indexOf('/webjars/') === 0) { return; }
    event.preventDefault();
    open(url.pathname + url.search, true);
  }

  function start() {
    var form = document.getElementById('token-form');
    var signOut = document.getElementById('token-forget');
    if (signOut) {
      signOut.hidden = !token();
      signOut.addEventListener('click', function () {
        window.sessionStorage.removeItem(KEY);
        window.location.reload();
      });
    }
    if (!form) { return; }
    var refused = document.getElementById('token-refused');
    if (token() && window.rgbunmixFetched === window.location.href) {
      refused.hidden = false;   // this page came back 401 with the kept token
    } else if (token()) {
      open(window.location.href, false);
      return;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var value = document.getElementById('token').value.trim().replace(/^Bearer\s+/i, '');
      if (!value) { return; }
      window.sessionStorage.setItem(KEY, value);
      window.rgbunmixFetched = null;
      open(window.location.href, false);
    });
  }

  document.addEventListener('click', followLinks);
  window.addEventListener('popstate', function () { if (token()) { open(window.location.href, false); } });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
