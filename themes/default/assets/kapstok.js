/* Kapstok: small progressive enhancements, no framework.
   Opened straight from disk (file://), a link to a folder ("kenmerken/x/")
   shows a directory listing instead of the page: point such links at the
   folder's index.html. Online nothing changes, so URLs stay pretty. */
(function () {
  'use strict';
  if (location.protocol !== 'file:') return;
  function fix(a) {
    var href = a.getAttribute('href');
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === '#') return;
    var m = href.match(/^([^?#]*)([?#].*)?$/);
    var path = m[1], rest = m[2] || '';
    if (path === '' ) return;
    if (path.charAt(path.length - 1) === '/') a.setAttribute('href', path + 'index.html' + rest);
    else if (path === '.' || path === '..') a.setAttribute('href', path + '/index.html' + rest);
  }
  function fixAll(root) {
    var links = (root || document).querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) fix(links[i]);
  }
  window.kapstokFixLinks = fixAll;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { fixAll(); });
  else fixAll();
  // Links added later (search results) are fixed when followed.
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (a) fix(a);
  }, true);
}());
