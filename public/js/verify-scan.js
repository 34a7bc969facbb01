// /verify: "Scan with the camera", shown only where the browser reads QR codes itself (BarcodeDetector,
// e.g. Chrome on Android). Without it the page works as before: paste or upload what the code holds.
(function () {
  'use strict';
  var button = document.getElementById('scan-button');
  var video = document.getElementById('scan-video');
  var field = document.getElementById('presented');
  var form = document.getElementById('verify-form');
  if (!button || !video || !field || !form) return;
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia)
    return;
  button.hidden = false;
  button.addEventListener('click', function () {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(function (stream) {
        var stop = function () {
          stream.getTracks().forEach(function (track) {
            track.stop();
          });
          video.hidden = true;
        };
        var look = function () {
          detector
            .detect(video)
            .then(function (codes) {
              if (codes.length > 0) {
                stop();
                field.value = codes[0].rawValue;
                form.requestSubmit();
              } else {
                setTimeout(look, 250);
              }
            })
            .catch(stop);
        };
        video.srcObject = stream;
        video.hidden = false;
        return video.play().then(look);
      })
      .catch(function () {
        // Permission refused or no camera: pasting still works.
      });
  });
})();
