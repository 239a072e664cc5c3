/*
 * The WPS request builder: composes a WPS 1.0.0 Execute from the form with the DOM's XML API (files
 * inline, base64 unless they are text; URLs as wps:Reference), lets it be edited, and POSTs it.
 */
(function () {
  'use strict';
  var WPS = 'http://www.opengis.net/wps/1.0.0';
  var OWS = 'http://www.opengis.net/ows/1.1';
  var XLINK = 'http://www.w3.org/1999/xlink';

  function isText(type) { return type.indexOf('text/') === 0 || type.indexOf('json') >= 0; }

  function read(file, asText) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(asText ? reader.result : String(reader.result).replace(/^data:[^,]*,/, '')); };
      reader.onerror = function () { reject(reader.error); };
      if (asText) { reader.readAsText(file); } else { reader.readAsDataURL(file); }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('wps-builder');
    if (!form) { return; }
    var chooser = document.getElementById('wps-process');
    var request = document.getElementById('wps-request');
    var status = document.getElementById('wps-status');
    var response = document.getElementById('wps-response');

    function current() { return form.querySelector('.wps-inputs[data-index="' + chooser.value + '"]'); }
    chooser.addEventListener('change', function () {
      Array.prototype.forEach.call(form.querySelectorAll('.wps-inputs'), function (set) {
        set.hidden = set.getAttribute('data-index') !== chooser.value;
      });
    });

    function compose() {
      var set = current();
      var doc = document.implementation.createDocument(WPS, 'wps:Execute', null);
      var root = doc.documentElement;
      root.setAttribute('service', 'WPS');
      root.setAttribute('version', '1.0.0');
      root.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns:ows', OWS);
      root.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns:xlink', XLINK);
      function add(parent, ns, name, text) {
        var node = doc.createElementNS(ns, name);
        if (text !== undefined) { node.textContent = text; }
        parent.appendChild(node);
        return node;
      }
      add(root, OWS, 'ows:Identifier', set.getAttribute('data-identifier'));
      var inputs = add(root, WPS, 'wps:DataInputs');
      var pending = [];
      Array.prototype.forEach.call(set.querySelectorAll('[data-input]'), function (field) {
        var name = field.getAttribute('data-input');
        var kind = field.getAttribute('data-kind');
        var type = (field.getAttribute('data-formats') || '').split('|')[0];
        if (kind === 'file' ? field.files.length === 0 : field.value.trim() === '') { return; }
        var input = add(inputs, WPS, 'wps:Input');
        add(input, OWS, 'ows:Identifier', name);
        if (kind === 'literal') {
          add(add(input, WPS, 'wps:Data'), WPS, 'wps:LiteralData', field.value.trim());
        } else if (kind === 'href') {
          var reference = add(input, WPS, 'wps:Reference');
          reference.setAttribute('mimeType', type);
          reference.setAttributeNS(XLINK, 'xlink:href', field.value.trim());
        } else {
          var complex = add(add(input, WPS, 'wps:Data'), WPS, 'wps:ComplexData');
          complex.setAttribute('mimeType', type);
          if (!isText(type)) { complex.setAttribute('encoding', 'base64'); }
          pending.push(read(field.files[0], isText(type)).then(function (content) { complex.textContent = content; }));
        }
      });
      var output = set.querySelector('.wps-output');
      var form = add(root, WPS, 'wps:ResponseForm');
      var raw = add(form, WPS, 'wps:RawDataOutput');
      var format = output.options[output.selectedIndex].getAttribute('data-format');
      if (format) { raw.setAttribute('mimeType', format); }
      add(raw, OWS, 'ows:Identifier', output.value);
      return Promise.all(pending).then(function () {
        request.value = new XMLSerializer().serializeToString(doc);
      });
    }

    document.getElementById('wps-compose').addEventListener('click', function () {
      compose().catch(function (e) { status.textContent = 'Could not compose: ' + e.message; });
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var ready = request.value.trim() ? Promise.resolve() : compose();
      ready.then(function () {
        status.textContent = 'Sending...';
        return fetch(form.getAttribute('data-endpoint'), {method: 'POST',
          headers: window.rgbunmixAuth.headers({'Content-Type': 'text/xml'}),
          body: request.value});
      }).then(function (r) {
        return r.text().then(function (text) {
          status.textContent = 'HTTP ' + r.status + ', ' + (r.headers.get('Content-Type') || 'no type');
          response.textContent = text.length > 200000 ? text.slice(0, 200000) + '\n...' : text;
        });
      }).catch(function (e) { status.textContent = 'The request failed: ' + e.message; });
    });
  });
}());
