// Produces the TFJS reference fixtures the ONNX conversion tests compare against.
// Usage (in a scratch folder holding @tensorflow/tfjs-core, -backend-cpu and -converter 4.22.0):
//   node make-reference.js <models folder> <output folder>
// The input is a deterministic integer pattern both this script and the Java test compute exactly,
// so no image data has to be committed.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');

const [modelsDir, outDir] = process.argv.slice(2);
const SAMPLES = 256;

// Same formula as ReferenceInput.java: value(i) = low + (high - low) * ((i * 7919) % 1009) / 1008
function pattern(size, low, high) {
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = low + (high - low) * (((i * 7919) % 1009) / 1008);
  return data;
}

function sample(values) {
  const stride = Math.max(1, Math.floor(values.length / SAMPLES));
  const picked = [];
  for (let i = 0; i < values.length && picked.length < SAMPLES; i += stride) picked.push(values[i]);
  return { length: values.length, stride, values: picked };
}

const specs = [
  { model: 'blazeface', shape: [1, 256, 256, 3], low: -1, high: 1, outputs: null },
  { model: 'emotion', shape: [1, 64, 64, 1], low: -1, high: 1, outputs: null },
  { model: 'faceres', shape: [1, 224, 224, 3], low: 0, high: 255, outputs: ['global_pooling/Mean', 'gender_pred/Sigmoid', 'age_pred/Softmax'] },
  { model: 'centernet', shape: [1, 512, 512, 3], low: 0, high: 255, outputs: ['tower_0/keypoints', 'tower_0/wh'] },
];

(async () => {
  await tf.setBackend('cpu');
  for (const spec of specs) {
    const json = JSON.parse(fs.readFileSync(path.join(modelsDir, spec.model + '.json'), 'utf8'));
    const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
    const buffers = json.weightsManifest.flatMap((group) => group.paths).map((p) => fs.readFileSync(path.join(modelsDir, p)));
    const all = Buffer.concat(buffers);
    const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
    const model = await converter.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const input = tf.tensor(pattern(size, spec.low, spec.high), spec.shape, 'float32');
    const names = spec.outputs || model.outputs.map((o) => o.name);
    let results = model.execute(input, names);
    if (!Array.isArray(results)) results = [results];
    const outputs = {};
    for (let i = 0; i < names.length; i++) {
      outputs[names[i]] = { shape: results[i].shape, ...sample(Array.from(await results[i].data())) };
    }
    const fixture = { model: spec.model, input: { shape: spec.shape, low: spec.low, high: spec.high }, outputs };
    fs.writeFileSync(path.join(outDir, spec.model + '.json'), JSON.stringify(fixture, null, 1) + '\n');
    console.log(spec.model, Object.entries(outputs).map(([n, o]) => n + ' ' + JSON.stringify(o.shape)).join(', '));
  }
})();
