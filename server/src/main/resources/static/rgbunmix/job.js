/* A job page: follows the job's status (JSON) until it ends, and dismisses it on request. */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var page = document.getElementById('job');
    if (!page) { return; }
    var url = page.getAttribute('data-status-url');
    var progress = document.getElementById('job-progress');
    var status = document.getElementById('job-status');
    var message = document.getElementById('job-message');
    var results = document.getElementById('job-results');
    var dismiss = document.getElementById('job-dismiss');

    function show(info) {
      status.textContent = info.status;
      status.className = 'status status-' + info.status;
      message.textContent = info.message || '';
      progress.value = info.progress || 0;
      progress.textContent = (info.progress || 0) + ' %';
      page.setAttribute('data-status', info.status);
      var ended = ['successful', 'failed', 'dismissed'].indexOf(info.status) >= 0;
      if (info.status === 'successful') { progress.value = 100; results.hidden = false; }
      if (ended) { dismiss.hidden = info.status === 'dismissed'; }
      return ended;
    }

    var stopped = false;

    function poll() {
      if (stopped) { return; }
      fetch(url, {headers: window.rgbunmixAuth.headers({Accept: 'application/json'})})
        .then(function (r) {
          if (r.status === 404) { show({status: 'dismissed', message: 'This job no longer exists.', progress: 0}); return true; }
          return r.json().then(show);
        })
        .then(function (ended) { if (!ended) { setTimeout(poll, 1000); } })
        .catch(function () { setTimeout(poll, 3000); });
    }

    dismiss.addEventListener('click', function () {
      stopped = true;
      dismiss.disabled = true;
      fetch(url, {method: 'DELETE', headers: window.rgbunmixAuth.headers({Accept: 'application/json'})})
        .then(function (r) { return r.json(); })
        .then(function (info) { show(info); results.hidden = true; })
        .catch(function (e) { message.textContent = 'Dismiss failed: ' + e.message; dismiss.disabled = false; });
    });
    if (['successful', 'failed', 'dismissed'].indexOf(page.getAttribute('data-status')) < 0) { poll(); }
  });
}());
