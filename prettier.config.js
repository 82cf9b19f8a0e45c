module.exports = {
  printWidth: 110,
  trailingComma: "all",
  endOfLine: "lf",
};
