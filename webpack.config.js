// Builds the task pane (dist/taskpane.html + its bundle), copies the icons and writes dist/manifest.xml.
// `webpack --mode production`: Graph at https://graph.microsoft.com only; development configuration is
// compiled out. `webpack --mode development`: the page also reads ?graph=&token= (see src/taskpane/config.ts).
// ADDIN_PUBLIC_URL=https://host/path/ rewrites the manifest's development URLs for the admin center.
// `--env officeJs=local` (the workbench's build, workbench/host/server.ts): taskpane.html and dialog.html
// load office.js from ./office-js/office.js, the copy in node_modules/@microsoft/office-js/dist that the
// workbench serves, instead of the Office CDN, so the workbench needs no network. Production always
// loads it from the CDN; so does a plain `npm run build:dev` (sideloading into real Excel).

const path = require("path");
const fs = require("fs");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { buildManifest } = require("./scripts/manifest");
const { contentSecurityPolicy } = require("./scripts/csp");
const { readBuildSettings, buildInfo, BuildInfoPlugin } = require("./scripts/build-settings");

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_LOCAL = "office-js/office.js";

/** Points the pages' office.js <script> at the local copy (the workbench's development build). */
class LocalOfficeJs {
  apply(compiler) {
    compiler.hooks.compilation.tap("LocalOfficeJs", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("LocalOfficeJs", (data) => {
        if (!data.html.includes(OFFICE_JS_CDN)) {
          throw new Error(
            `${data.outputName} does not load ${OFFICE_JS_CDN}: cannot point it at the local copy`,
          );
        }
        return { ...data, html: data.html.replace(OFFICE_JS_CDN, OFFICE_JS_LOCAL) };
      });
    });
  }
}

module.exports = (env, argv) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const dev = mode === "development";
  const settings = readBuildSettings(process.env, mode);
  const manifestWarnings = [];
  const authority = settings.signIn.authority;
  const localOfficeJs = dev && env?.officeJs === "local";
  // Written into each page's first <meta> (see scripts/csp.js and docs/security.md).
  const csp = contentSecurityPolicy({ dev, authority });

  return {
    mode,
    devtool: dev ? "source-map" : false,
    entry: { taskpane: "./src/taskpane/taskpane.ts", dialog: "./src/dialog/dialog.ts" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.json" } },
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({
        __DEV_BUILD__: JSON.stringify(dev),
        // Sign-in settings, fixed at build time (docs/sign-in.md).
        __AAD_CLIENT_ID__: JSON.stringify(process.env.AAD_CLIENT_ID || ""),
        __AAD_AUTHORITY__: JSON.stringify(authority),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        contentSecurityPolicy: csp,
      }),
      new HtmlWebpackPlugin({
        filename: "dialog.html",
        template: "./src/dialog/dialog.html",
        chunks: ["dialog"],
        scriptLoading: "defer",
        contentSecurityPolicy: csp,
      }),
      ...(localOfficeJs ? [new LocalOfficeJs()] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.{png,html}", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              const { xml, warnings } = buildManifest(content.toString("utf8"), settings.manifest);
              manifestWarnings.push(...warnings);
              return xml;
            },
          },
        ],
      }),
      new BuildInfoPlugin(buildInfo(settings), manifestWarnings),
    ],
    // The size that matters is gzip of the pane's initial JS, measured by `npm run bench`.
    performance: { maxAssetSize: 400_000, maxEntrypointSize: 400_000 },
    devServer: {
      port: 3000,
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: fs.existsSync(path.join(require("os").homedir(), ".office-addin-dev-certs", "localhost.crt"))
        ? {
            type: "https",
            options: {
              key: path.join(require("os").homedir(), ".office-addin-dev-certs", "localhost.key"),
              cert: path.join(require("os").homedir(), ".office-addin-dev-certs", "localhost.crt"),
              ca: path.join(require("os").homedir(), ".office-addin-dev-certs", "ca.crt"),
            },
          }
        : "http",
    },
  };
};
