// The README's browser example bundled by webpack 5 as users configure it: defaults, ES module output.
const path = require("node:path");
module.exports = {
  mode: "production",
  entry: "./src/main.js",
  output: { path: path.resolve(__dirname, "dist-webpack"), filename: "main.js", module: true, clean: true },
  experiments: { outputModule: true },
  performance: { hints: false },
};
