const http = require("node:http");

const port = Number(process.env.PORT || 3000);

http
  .createServer((req, res) => {
    if (req.url === "/healthz") {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ status: "ok" }));
  })
  .listen(port, () => console.log(`listening on ${port}`));
