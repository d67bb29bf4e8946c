// feedkeeper reader: enhancements only; every page works without this script.
//
// - Time zone: the server renders dates in the zone of the `fk_tz` cookie (UTC until told). When
//   the browser's zone differs from the page's (<html data-tz>), set the cookie and reload, once.
// - Keyboard: j/k next/previous entry, o or Enter open, m read/unread, s star, / search box,
//   ? help overlay, Escape closes it. Keys are ignored while typing in a field.
// - The read and star forms are sent with fetch() (X-CSRF-Token from <meta name="csrf-token">,
//   Accept: application/json) and the page updates in place; on any failure the form is submitted
//   the ordinary way, so the server's own page explains what went wrong.
// No inline script or style anywhere: the Content-Security-Policy allows only this file.
'use strict';

(function () {
  var root = document.documentElement;
  // Without the script, the help overlay opens through #help (:target); with it, through `hidden`.
  root.classList.add('js');

  function syncTimeZone() {
    var shown = root.getAttribute('data-tz');
    var mine;
    try {
      mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (!shown || !mine || shown === mine) return;
    var cookie = 'fk_tz=' + encodeURIComponent(mine);
    // The server may spell a zone differently (an alias); having sent ours once is enough.
    if (document.cookie.split('; ').indexOf(cookie) !== -1) return;
    try {
      if (sessionStorage.getItem('fk_tz_sent') === mine) return;
      sessionStorage.setItem('fk_tz_sent', mine);
    } catch {
      return; // no storage: no way to be sure we reload only once
    }
    document.cookie = cookie + '; path=/; max-age=31536000; samesite=lax';
    location.reload();
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // ── Entries and the selection ──

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('.entry[data-id]'));
  }

  function selected() {
    return document.querySelector('.entry.selected');
  }

  /** The entry the m and s keys act on: the selected row, or the article of an article page. */
  function currentEntry() {
    return selected() || document.querySelector('.article[data-id]');
  }

  function select(row) {
    var old = selected();
    if (old) old.classList.remove('selected');
    if (!row) return;
    row.classList.add('selected');
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
  }

  function move(step) {
    var list = rows();
    if (list.length === 0) return;
    var at = list.indexOf(selected());
    var next = at === -1 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
    select(list[next]);
  }

  function open(row) {
    var link = row && row.querySelector('a.entry-link');
    if (link) location.href = link.href;
  }

  // ── The read and star toggles ──

  function applyState(container, state) {
    container.classList.toggle('is-read', state.read);
    container.classList.toggle('is-unread', !state.read);
    container.classList.toggle('is-starred', state.starred);
    var forms = container.querySelectorAll('form');
    for (var i = 0; i < forms.length; i++) {
      var button = forms[i].querySelector('button[data-action]');
      if (!button) continue;
      var action = button.getAttribute('data-action');
      var on = action === 'read' ? state.read : action === 'star' ? state.starred : null;
      if (on === null) continue;
      var field = forms[i].querySelector('input[name="' + (action === 'read' ? 'read' : 'starred') + '"]');
      if (field) field.value = on ? '0' : '1';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.textContent = button.getAttribute(on ? 'data-label-on' : 'data-label-off');
    }
  }

  function sendToggle(form) {
    var container = form.closest('[data-id]');
    var button = form.querySelector('button[data-action]');
    if (button) button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrfToken(), Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (state) {
        if (button) button.disabled = false;
        if (container) applyState(container, state);
      })
      .catch(function () {
        if (button) button.disabled = false;
        form.submit();
      });
  }

  function toggle(action) {
    var entry = currentEntry();
    var button = entry && entry.querySelector('button[data-action="' + action + '"]');
    if (button) sendToggle(button.form);
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    var button = form.querySelector && form.querySelector('button[data-action="read"], button[data-action="star"]');
    if (!button || !window.fetch) return;
    e.preventDefault();
    sendToggle(form);
  });

  // ── Help overlay ──

  function help() {
    return document.getElementById('help');
  }

  function setHelp(show) {
    var box = help();
    if (!box) return;
    box.hidden = !show;
  }

  document.addEventListener('click', function (e) {
    var target = e.target;
    if (!target.closest) return;
    if (target.closest('a.help-link')) {
      e.preventDefault();
      setHelp(help().hidden);
    } else if (target.closest('[data-close="help"]') || target === help()) {
      e.preventDefault();
      setHelp(false);
    }
  });

  // ── Keys ──

  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable;
  }

  var KEYS = {
    j: function () { move(1); },
    k: function () { move(-1); },
    o: function () { open(selected()); },
    m: function () { toggle('read'); },
    s: function () { toggle('star'); },
    '/': function () {
      var box = document.getElementById('q');
      if (box) {
        box.focus();
        box.select();
      }
    },
    '?': function () { setHelp(help() ? help().hidden : false); },
  };

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Escape') {
      if (help() && !help().hidden) {
        e.preventDefault();
        setHelp(false);
      } else if (typing(e.target)) e.target.blur();
      return;
    }
    if (typing(e.target)) return;
    if (e.key === 'Enter') {
      // Only when the selected row itself has the focus: Enter on a link or button does its own thing.
      var row = selected();
      if (row && e.target === row) {
        e.preventDefault();
        open(row);
      }
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(KEYS, e.key)) return;
    var run = KEYS[e.key];
    e.preventDefault();
    run();
  });

  // Clicking a row selects it, so j/k continue from there.
  document.addEventListener('click', function (e) {
    var row = e.target.closest && e.target.closest('.entry[data-id]');
    if (row && row !== selected()) {
      var old = selected();
      if (old) old.classList.remove('selected');
      row.classList.add('selected');
    }
  });

  syncTimeZone();
  if (location.hash === '#help') setHelp(true);
})();
