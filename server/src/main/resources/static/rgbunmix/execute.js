/*
 * The execute form of a process page: turns the form into an OGC API execute request (files as base64,
 * or as text for JSON and XML; URLs as links) and runs it asynchronously, then goes to the job's page.
 */
(function () {
  'use strict';
  var BY_EXTENSION = {tif: 'image/tiff', tiff: 'image/tiff', jp2: 'image/jp2', zip: 'application/zip',
    json: 'application/json', geojson: 'application/json', xml: 'text/xml; subtype=wfs-collection/1.1',
    gml: 'text/xml; subtype=wfs-collection/1.1', csv: 'text/csv'};

  function mediaType(file, formats) {
    var guess = BY_EXTENSION[(file.name.split('.').pop() || '').toLowerCase()];
    if (guess && formats.indexOf(guess) < 0 && guess === 'application/json' && formats.indexOf('application/geo+json') >= 0) {
      guess = 'application/geo+json';
    }
    return guess && formats.indexOf(guess) >= 0 ? guess : formats[0];
  }

  function isText(type) {
    return type.indexOf('text/') === 0 || type.indexOf('json') >= 0;
  }

  function read(file, asText) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        resolve(asText ? reader.result : String(reader.result).replace(/^data:[^,]*,/, ''));
      };
      reader.onerror = function () { reject(reader.error); };
      if (asText) { reader.readAsText(file); } else { reader.readAsDataURL(file); }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('execute');
    if (!form) { return; }
    var feedback = document.getElementById('execute-feedback');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var inputs = {};
      var pending = [];
      Array.prototype.forEach.call(form.querySelectorAll('[data-input]'), function (field) {
        var name = field.getAttribute('data-input');
        var kind = field.getAttribute('data-kind');
        if (kind === 'file') {
          if (field.files.length === 0) { return; }
          // a repeatable input's files are its values, in the order chosen: one value alone, several an array
          var values = Array.prototype.map.call(field.files, function (file) {
            var type = mediaType(file, field.getAttribute('data-formats').split('|'));
            return read(file, isText(type)).then(function (content) {
              return isText(type) ? {value: content, mediaType: type}
                : {value: content, mediaType: type, encoding: 'base64'};
            });
          });
          pending.push(Promise.all(values).then(function (given) {
            inputs[name] = given.length === 1 ? given[0] : given;
          }));
        } else if (kind === 'href') {
          if (field.value.trim() && !inputs[name]) {
            inputs[name] = {href: field.value.trim(), type: field.getAttribute('data-formats').split('|')[0]};
          }
        } else if (field.value.trim() !== '') {
          var text = field.value.trim();
          if (kind === 'list' || kind === 'numbers') {
            // an array input: its comma-separated items, numbers where the schema's items are numbers
            inputs[name] = text.split(',').map(function (item) {
              return kind === 'numbers' ? Number(item.trim()) : item.trim();
            });
          } else {
            inputs[name] = kind === 'number' ? Number(field.value) : text;
          }
        }
      });
      feedback.textContent = 'Sending...';
      Promise.all(pending).then(function () {
        return fetch(form.getAttribute('data-execute'), {
          method: 'POST',
          headers: window.rgbunmixAuth.headers({'Content-Type': 'application/json', Accept: 'application/json',
            Prefer: 'respond-async'}),
          body: JSON.stringify({inputs: inputs})
        });
      }).then(function (response) {
        return response.json().then(function (body) {
          if (response.status === 201 && body.jobID) {
            window.rgbunmixAuth.go(form.getAttribute('data-jobs') + '/' + body.jobID + '?f=html');
          } else {
            feedback.textContent = (body.title || 'Refused') + ': ' + (body.detail || JSON.stringify(body));
          }
        });
      }).catch(function (e) { feedback.textContent = 'The request failed: ' + e.message; });
    });
  });
}());
