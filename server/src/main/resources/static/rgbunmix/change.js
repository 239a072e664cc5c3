/*
 * The panels of a change (beside the map of map.js): what the model is, the rule of a likely change, the
 * transition matrix of dominant classes (windows and km²) and a histogram of one class's changes. They are
 * drawn from the change's feature collection (its features and its summary) once map.js has it.
 * Everything is built with DOM calls, never from strings of HTML.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';

  function element(tag, attributes, children, namespace) {
    var node = namespace ? document.createElementNS(namespace, tag) : document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') { node.textContent = attributes[name]; } else { node.setAttribute(name, attributes[name]); }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function matrix(table, summary, classes) {
    table.textContent = '';
    table.appendChild(element('caption', {text: 'Rows: dominant class before; columns: after. Windows (km²).'}));
    table.appendChild(element('tr', {}, [element('th', {scope: 'col', text: 'Before \\ after'})].concat(
      classes.map(function (c) { return element('th', {scope: 'col', text: c.name}); }))));
    classes.forEach(function (from) {
      table.appendChild(element('tr', {}, [element('th', {scope: 'row', text: from.name})].concat(
        classes.map(function (to) {
          var count = summary.transitions[from.key][to.key];
          var km2 = summary.transitionsKm2[from.key][to.key];
          return element('td', {'class': from.key === to.key ? 'same' : count > 0 ? 'changed' : '',
            'data-from': from.key, 'data-to': to.key, 'data-count': String(count),
            text: count + ' (' + km2.toFixed(2) + ')'});
        }))));
    });
  }

  // changes in points of one class, in bins of 5 points from -100 to +100; the bars of likely changes darker
  function histogram(box, features, key, name, threshold) {
    box.textContent = '';
    var bins = [];
    for (var i = 0; i < 40; i++) { bins.push({all: 0, likely: 0}); }
    features.forEach(function (f) {
      var d = f.properties[key + '_change'];
      var bin = bins[Math.max(0, Math.min(39, Math.floor((d + 100) / 5)))];
      bin.all++;
      if (f.properties[key + '_likely']) { bin.likely++; }
    });
    var most = Math.max.apply(null, bins.map(function (b) { return b.all; }).concat([1]));
    var width = 640, height = 200, left = 40, bottom = 30, step = (width - left) / 40;
    var svg = element('svg', {viewBox: '0 0 ' + width + ' ' + (height + bottom), width: '100%',
      'aria-label': 'Windows by change of ' + name + ' in points'}, [], SVG);
    bins.forEach(function (b, i) {
      var h = (height - 10) * b.all / most;
      var hl = (height - 10) * b.likely / most;
      svg.appendChild(element('rect', {x: left + i * step, y: height - h, width: step - 1, height: h,
        fill: '#9ecae1'}, [element('title', {text: (i * 5 - 100) + ' to ' + (i * 5 - 95) + ' points: ' + b.all
        + ' windows, ' + b.likely + ' likely'}, [], SVG)], SVG));
      svg.appendChild(element('rect', {x: left + i * step, y: height - hl, width: step - 1, height: hl,
        fill: '#08519c'}, [], SVG));
    });
    [-100, -50, 0, 50, 100].forEach(function (tick) {
      var x = left + (tick + 100) / 5 * step;
      svg.appendChild(element('line', {x1: x, x2: x, y1: height, y2: height + 5, stroke: '#333'}, [], SVG));
      svg.appendChild(element('text', {x: x, y: height + 18, 'text-anchor': 'middle', 'font-size': '12',
        text: (tick > 0 ? '+' : '') + tick}, [], SVG));
    });
    svg.appendChild(element('text', {x: 2, y: 12, 'font-size': '12', text: String(most)}, [], SVG));
    svg.appendChild(element('line', {x1: left, x2: width, y1: height, y2: height, stroke: '#333'}, [], SVG));
    box.appendChild(svg);
    box.appendChild(element('p', {'class': 'muted', text: 'Windows by change of ' + name + ' in points (bins of 5). '
      + 'Dark: likely, above ' + threshold.toFixed(1) + ' points.'}));
    box.setAttribute('data-windows', String(features.length));
  }

  document.addEventListener('rgbunmix:features', function (event) {
    var panels = document.getElementById('change-panels');
    var summary = event.detail.collection.summary;
    if (!panels || !summary) { return; }
    var classes = event.detail.legend.classes;
    var features = event.detail.collection.features;
    var k = Number(summary.likely.replace(/.*k = /, ''));
    document.getElementById('change-model').textContent = 'Model: ' + summary.modelTitle + '. '
      + (summary.modelDescription ? summary.modelDescription.charAt(0).toUpperCase() + summary.modelDescription.slice(1) + ' ' : '')
      + (summary.modelTrained ? '' : 'Its weights are UNTRAINED: its numbers mean nothing. ')
      + 'A change is the difference of two estimates, each with this model\'s error: read it as the model\'s, '
      + 'not as a measurement of the land.';
    document.getElementById('change-rule').textContent = 'Likely: ' + summary.likely + '. ' + summary.errors + '. '
      + summary.windowsCompared + ' windows compared, ' + summary.windowsLikelyChanged + ' with a likely change.';
    matrix(document.getElementById('transition-matrix'), summary, classes);
    var chooser = document.getElementById('histogram-class');
    chooser.textContent = '';
    classes.forEach(function (c) { chooser.appendChild(element('option', {value: c.key, text: c.name})); });
    function draw() {
      var chosen = classes.filter(function (c) { return c.key === chooser.value; })[0];
      histogram(document.getElementById('change-histogram'), features, chosen.key, chosen.name,
        k * Math.SQRT2 * summary.errorPerClass[chosen.key]);
    }
    chooser.addEventListener('change', draw);
    draw();
    var skipped = summary.skippedWindows || [];
    document.getElementById('skipped-windows').textContent = skipped.length === 0 ? 'No window was skipped.'
      : skipped.length + ' window(s) skipped by a period and left out: ' + skipped.slice(0, 10).map(function (s) {
        return s.window + ' (' + s.period + ': ' + s.detail + ')';
      }).join('; ') + (skipped.length > 10 ? '; ...' : '.');
  });
}());
