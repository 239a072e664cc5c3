/*
 * The results map: window polygons over the raster's own RGB (and an optional tile layer), coloured by
 * dominant class in the SIPNA colours or by one class's percentage, a click showing a window's numbers.
 * Its data come from a <script type="application/json"> element named by the map's data-source:
 *   {legend: {kind, level, classes: [{key, name, colour}], quicklook: {west, south, east, north}},
 *    quicklookUrl, features | featuresUrl, tiles: {url, attribution} | null}
 * A change's windows (legend kind 'change') are coloured by their dominant class after, outlined where it changed, or
 * by one class's change in points on a diverging scale, faded where the change is not likely.
 * Everything is built with DOM calls, never from strings of HTML.
 */
(function () {
  'use strict';

  // viridis in five steps: ordered, readable in grey and by the colour-blind
  var RAMP = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
  // ColorBrewer RdBu in five steps, loss red and gain blue: safe for the colour-blind
  var DIVERGING = ['#b2182b', '#ef8a62', '#f7f7f7', '#67a9cf', '#2166ac'];
  var DIVERGING_LABELS = ['below -20 points', '-20 to -5', '-5 to +5', '+5 to +20', 'above +20 points'];

  function divergingStep(points) {
    return points < -20 ? 0 : points < -5 ? 1 : points <= 5 ? 2 : points <= 20 ? 3 : 4;
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') { node.textContent = attributes[name]; } else { node.setAttribute(name, attributes[name]); }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function number(value, digits) {
    return typeof value === 'number' ? value.toFixed(digits) : String(value);
  }

  function windowInfo(properties, classes) {
    var bars = classes.map(function (c) {
      var percent = properties[c.key];
      var fill = element('span', {style: 'width:' + Math.max(0, Math.min(100, percent)) + '%;background:' + c.colour});
      return element('div', {'class': 'bar-row'}, [
        element('span', {text: c.name}), element('div', {'class': 'bar', role: 'presentation'}, [fill]),
        element('span', {'class': 'percent', text: number(percent, 1) + ' %'})]);
    });
    var presence = element('table', {}, [element('caption', {text: 'Presence probability'})].concat(
      classes.map(function (c) {
        return element('tr', {}, [element('th', {scope: 'row', text: c.name}),
          element('td', {text: number(properties['p_' + c.key], 3)})]);
      })));
    var names = ['evapotranspiration', 'precipitation', 'elevation', 'slope', 'temp_ave', 'temp_max', 'temp_min'];
    var ancillary = element('table', {}, [element('caption', {text: 'Ancillary values used'})].concat(
      names.filter(function (n) { return n in properties; }).map(function (n) {
        return element('tr', {}, [element('th', {scope: 'row', text: n}), element('td', {text: number(properties[n], 1)})]);
      })));
    // what the window's pixels were: its masked part and the mask, the dates of a composite
    var quality = element('table', {}, [element('caption', {text: 'Pixels'})].concat(
      [['masked by clouds, shadows, snow', 'masked_fraction' in properties
        ? number(100 * properties.masked_fraction, 1) + ' %' : null],
       ['mask', properties.mask], ['dates', properties.dates ? properties.dates.split(';').join(', ') : null]]
        .filter(function (row) { return row[1] !== null && row[1] !== undefined && row[1] !== ''; })
        .map(function (row) {
          return element('tr', {}, [element('th', {scope: 'row', text: row[0]}), element('td', {text: String(row[1])})]);
        })));
    return element('div', {'class': 'window-info'}, [
      element('h3', {text: 'Window ' + properties.window_id + ' (row ' + properties.row + ', col ' + properties.col + ')'}),
      element('div', {'class': 'bars'}, bars), presence, ancillary, quality]);
  }

  function changeInfo(properties, classes) {
    var names = {};
    classes.forEach(function (c) { names[c.key] = c.name; });
    var rows = classes.map(function (c) {
      return element('tr', {}, [element('th', {scope: 'row', text: c.name}),
        element('td', {text: number(properties[c.key + '_before'], 1)}),
        element('td', {text: number(properties[c.key + '_after'], 1)}),
        element('td', {text: (properties[c.key + '_change'] > 0 ? '+' : '') + number(properties[c.key + '_change'], 1)}),
        element('td', {text: properties[c.key + '_likely'] ? 'likely' : 'no'})]);
    });
    var head = element('tr', {}, ['Class', 'Before %', 'After %', 'Change', 'Likely'].map(function (t) {
      return element('th', {scope: 'col', text: t});
    }));
    return element('div', {'class': 'window-info'}, [
      element('h3', {text: 'Window ' + properties.window_id + ' (row ' + properties.row + ', col ' + properties.col + ')'}),
      element('p', {text: 'Dominant class ' + names[properties.dominant_before] + ' before, '
        + names[properties.dominant_after] + ' after.'}),
      element('table', {}, [element('caption', {text: 'Percentages and change in points'}), head].concat(rows))]);
  }

  function start(container) {
    var data = JSON.parse(document.getElementById(container.getAttribute('data-source')).textContent);
    var classes = data.legend.classes;
    var colours = {};
    classes.forEach(function (c) { colours[c.key] = c.colour; });
    var mode = '';
    var map = L.map(container, {zoomSnap: 0.25, keyboard: true});
    if (data.tiles && data.tiles.url) {
      L.tileLayer(data.tiles.url, {attribution: data.tiles.attribution || '', maxZoom: 19}).addTo(map);
    }
    var q = data.legend.quicklook;
    var bounds = L.latLngBounds([q.south, q.west], [q.north, q.east]);
    // the standalone map.html has no auth.js: its pictures and windows are in the file itself
    var auth = window.rgbunmixAuth || {headers: function (h) { return h; }, objectUrl: function (u) { return Promise.resolve(u); }};
    if (data.quicklookUrl) {
      auth.objectUrl(data.quicklookUrl).then(function (url) {
        L.imageOverlay(url, bounds, {alt: 'The input raster in true colour'}).addTo(map).bringToBack();
      });
    }
    map.fitBounds(bounds);

    var change = data.legend.kind === 'change';
    function style(feature) {
      var p = feature.properties;
      if (change) {
        if (!mode) {
          var changed = p.dominant_before !== p.dominant_after;
          return {color: changed ? '#000' : '#555', weight: changed ? 3 : 1, opacity: 0.9,
            fillColor: colours[p.dominant_after] || '#888', fillOpacity: 0.5};
        }
        return {color: '#222', weight: 1, opacity: 0.8, fillColor: DIVERGING[divergingStep(p[mode + '_change'])],
          fillOpacity: p[mode + '_likely'] ? 0.85 : 0.2};
      }
      var fill = mode ? RAMP[Math.min(RAMP.length - 1, Math.floor(p[mode] / 20))] : (colours[p.dominant_class] || '#888');
      return {color: '#222', weight: 1, opacity: 0.8, fillColor: fill, fillOpacity: mode ? 0.75 : 0.5};
    }
    var layer = L.geoJSON(null, {
      style: style,
      onEachFeature: function (feature, path) {
        path.bindPopup(function () {
          return change ? changeInfo(feature.properties, classes) : windowInfo(feature.properties, classes);
        }, {maxWidth: 360});
      }
    }).addTo(map);

    var legend = L.control({position: 'bottomright'});
    var legendBox = element('div', {'class': 'legend', role: 'region', 'aria-label': 'Legend'});
    legend.onAdd = function () { return legendBox; };
    legend.addTo(map);
    function drawLegend() {
      legendBox.textContent = '';
      if (change && mode) {
        var changing = classes.filter(function (c) { return c.key === mode; })[0];
        legendBox.appendChild(element('strong', {text: 'Change of ' + changing.name + ' (faded: not likely)'}));
        DIVERGING.forEach(function (colour, i) {
          legendBox.appendChild(element('div', {}, [element('span', {'class': 'swatch', style: 'background:' + colour}),
            document.createTextNode(DIVERGING_LABELS[i])]));
        });
      } else if (!mode) {
        legendBox.appendChild(element('strong', {text: (change ? 'Dominant class after, outlined where it changed'
          : 'Dominant class') + ' (SIPNA ' + data.legend.level + ')'}));
        classes.forEach(function (c) {
          legendBox.appendChild(element('div', {}, [element('span', {'class': 'swatch', style: 'background:' + c.colour}),
            document.createTextNode(c.name)]));
        });
      } else {
        var chosen = classes.filter(function (c) { return c.key === mode; })[0];
        legendBox.appendChild(element('strong', {text: chosen.name + ', % of the window'}));
        RAMP.forEach(function (colour, i) {
          legendBox.appendChild(element('div', {}, [element('span', {'class': 'swatch', style: 'background:' + colour}),
            document.createTextNode((i * 20) + ' to ' + (i * 20 + 20) + ' %')]));
        });
      }
    }
    drawLegend();

    var selector = document.getElementById(container.getAttribute('data-selector'));
    if (selector) {
      if (change) { selector.options[0].textContent = 'Dominant class after (outlined: changed)'; }
      classes.forEach(function (c) {
        selector.appendChild(element('option', {value: c.key, text: change ? 'Change of ' + c.name + ' (points)'
          : c.name + ' (%)'}));
      });
      selector.addEventListener('change', function () {
        mode = selector.value;
        layer.setStyle(style);
        drawLegend();
      });
    }
    var status = document.getElementById(container.getAttribute('data-status'));
    function show(features) {
      layer.addData(features);
      if (layer.getLayers().length > 0) { map.fitBounds(layer.getBounds()); }
      if (status) { status.textContent = layer.getLayers().length + ' windows on the map.'; }
      container.setAttribute('data-windows', String(layer.getLayers().length));
      // the change's panels (change.js) draw their matrix and histogram from the same collection
      document.dispatchEvent(new CustomEvent('rgbunmix:features', {detail: {collection: features, legend: data.legend}}));
    }
    if (data.features) {
      show(data.features);
    } else if (data.featuresUrl) {
      fetch(data.featuresUrl, {headers: auth.headers({Accept: 'application/geo+json'})})
        .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
        .then(show)
        .catch(function (e) { if (status) { status.textContent = 'The windows could not be loaded: ' + e.message; } });
    }
    window.rgbunmixMap = {map: map, layer: layer};
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.map[data-source]'), start);
  });
}());
