// The docs page's only script: copy buttons, and the current section marked in the navigation.
// Everything on the page is visible without it.
(function () {
  'use strict';

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // file:// and plain http: select a hidden textarea and use the legacy command.
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand('copy');
      document.body.removeChild(area);
      if (ok) resolve();
      else reject(new Error('copy refused'));
    });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.copy');
    if (!button) return;
    var code = button.closest('figure').querySelector('pre code');
    copyText(code.textContent).then(
      function () {
        flash(button, 'Copied');
      },
      function () {
        flash(button, 'Press Ctrl+C');
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      },
    );
  });

  function flash(button, text) {
    var state = button.querySelector('.copy-state');
    state.textContent = text;
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(function () {
      state.textContent = 'Copy';
    }, 1500);
  }

  // Scroll spy: the navigation link of the last section that begins above the top fifth of the
  // window gets aria-current.
  var links = Array.prototype.slice.call(document.querySelectorAll('.sidebar a[href^="#"]'));
  var targets = links.map(function (link) {
    return document.getElementById(link.getAttribute('href').slice(1));
  });
  var pending = false;
  function markCurrent() {
    pending = false;
    var line = Math.min(160, window.innerHeight / 5);
    var current = -1;
    targets.forEach(function (target, i) {
      if (target && target.getBoundingClientRect().top <= line) current = i;
    });
    links.forEach(function (link, i) {
      if (i === current) {
        if (!link.hasAttribute('aria-current')) {
          link.setAttribute('aria-current', 'location');
          keepInView(link);
        }
      } else link.removeAttribute('aria-current');
    });
  }
  window.addEventListener(
    'scroll',
    function () {
      if (!pending) window.requestAnimationFrame(markCurrent);
      pending = true;
    },
    { passive: true },
  );
  markCurrent();

  // Scrolls the navigation itself (never the page) so that the current link shows.
  function keepInView(link) {
    var nav = link.closest('.sidebar');
    var box = link.getBoundingClientRect();
    var area = nav.getBoundingClientRect();
    if (box.top < area.top) nav.scrollTop -= area.top - box.top + 16;
    else if (box.bottom > area.bottom) nav.scrollTop += box.bottom - area.bottom + 16;
  }
})();
