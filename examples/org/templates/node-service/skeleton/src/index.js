import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);

// A health route first: load balancers and Kubernetes probes call it.
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service: '${{ values.name }}' }));
});

server.listen(port, () => {
  console.log(`${{ values.name }} listening on http://localhost:${port}`);
});
