// Builds the workbench (workbench/host): the page that plays Excel on the web for the real task pane (and
// the real office.js in it) beside a simulated workbook.
// Output: dist/workbench/ (served by workbench/host/server.ts). Development only; never deployed.
// Type-checking is `npm run typecheck`'s job (test/tsconfig.json), so ts-loader only transpiles here.

const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

module.exports = () => ({
  mode: "development",
  devtool: "source-map",
  entry: {
    workbench: "./workbench/host/workbench.ts",
    // The pane's end of the nested app authentication relay (the server adds it to taskpane.html).
    "pane-naa": "./workbench/host/pane-naa.ts",
  },
  output: {
    path: path.resolve(__dirname, "dist", "workbench"),
    publicPath: "/workbench/",
    filename: "[name].js",
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          options: {
            configFile: path.resolve(__dirname, "test", "tsconfig.json"),
            transpileOnly: true,
            compilerOptions: { module: "ES2020", moduleResolution: "bundler", sourceMap: true },
          },
        },
      },
    ],
  },
  plugins: [
    new HtmlWebpackPlugin({
      filename: "index.html",
      template: "./workbench/host/workbench.html",
      chunks: ["workbench"],
      scriptLoading: "defer",
    }),
    new CopyWebpackPlugin({ patterns: [{ from: "workbench/host/workbench.css", to: "workbench.css" }] }),
  ],
  performance: { hints: false },
});
