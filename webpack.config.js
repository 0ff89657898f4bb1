// The add-in's build (office-addin conventions): task pane and function-command pages with their
// scripts, icons and styles in dist/addin. TypeScript is stripped by esbuild-loader; `npm run build`
// type-checks first with tsc --noEmit. office.js comes from Microsoft's CDN by a <script> tag.
const path = require("node:path");
const { URL } = require("node:url");
const fs = require("node:fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const OFFICE_CDN = "https://appsforoffice.microsoft.com";
const DEV_PORT = Number(process.env.ADDIN_PORT ?? 3000);

/** The API origins the pages may call (CSP connect-src): API_ORIGINS, space- or comma-separated. */
function apiOrigins() {
  return (process.env.API_ORIGINS ?? "http://127.0.0.1:7071 http://localhost:7071")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((o) => new URL(o).origin);
}

function csp(origins) {
  return [
    "default-src 'none'",
    `script-src 'self' ${OFFICE_CDN}`,
    // office.js's host scripts set inline styles (OfficeDev/office-js#1687); no inline script is allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${origins.join(" ")}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Development certificates for https://localhost (generated once; trusting the CA is the user's step). */
async function devCertificates() {
  const certs = require("office-addin-dev-certs");
  const defaults = require("office-addin-dev-certs/lib/defaults");
  if (!fs.existsSync(defaults.localhostCertificatePath) || !fs.existsSync(defaults.localhostKeyPath)) {
    fs.mkdirSync(defaults.certificateDirectory, { recursive: true });
    await certs.generateCertificates();
  }
  return {
    ca: fs.readFileSync(defaults.caCertificatePath),
    cert: fs.readFileSync(defaults.localhostCertificatePath),
    key: fs.readFileSync(defaults.localhostKeyPath),
  };
}

module.exports = async (env, argv) => {
  const production = argv.mode !== "development";
  const origins = apiOrigins();
  const page = (name) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template: `./addin/${name}/${name}.html`,
      chunks: [name],
      csp: csp(origins),
      apiOrigins: origins.join(" "),
      minify: production,
    });
  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map", // no eval: the CSP forbids it
    entry: {
      taskpane: "./addin/taskpane/taskpane.ts",
      commands: "./addin/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, process.env.ADDIN_OUT ?? "dist/addin"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, loader: "esbuild-loader", options: { target: "es2020" } }],
    },
    performance: { maxEntrypointSize: 400_000, maxAssetSize: 400_000 },
    plugins: [
      page("taskpane"),
      page("commands"),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "addin/taskpane/taskpane.css", to: "taskpane.css" },
        ],
      }),
    ],
    devServer: {
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: env?.WEBPACK_SERVE ? { type: "https", options: await devCertificates() } : "https",
      client: { overlay: false },
      static: false,
    },
  };
};
