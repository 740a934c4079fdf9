// The control API's faults, under /__mock/ (mounted after the JSON body parser):
//   GET    /__mock/faults          every fault in force, at a glance
//   POST   /__mock/faults          a degraded link {latency_ms?, jitter_ms?, drop_rate?, duplicate_rate?, user?, direction?, seed?}
//   DELETE /__mock/faults          ends every fault (links, stall, outage)
//   DELETE /__mock/faults/:id      removes one link
//   POST   /__mock/disconnect      {user?, code?, reason?} closes the matching connections (1012)
//   POST   /__mock/outage          {seconds, status?} every socket closed with 1012, upgrades refused meanwhile
//   DELETE /__mock/outage          ends it early
//   POST   /__mock/stall           {user?, seconds?} no pings answered, no frames delivered, TCP kept open
//   DELETE /__mock/stall           ends it
import express, { type Response, type Router } from 'express';
import type { Faults } from '../faults/index.js';
import { type Parsed, parseDisconnectSpec, parseLinkSpec, parseOutageSpec, parseStallSpec } from '../faults/index.js';

/** 400 with every problem of the body; otherwise runs `then` with the checked value. */
function withBody<T>(res: Response, parsed: Parsed<T>, then: (value: T) => unknown): void {
  if (!parsed.ok)
    return void res.status(400).json({ ok: false, error: parsed.errors.join('; '), errors: parsed.errors });
  res.json({ ok: true, ...(then(parsed.value) as object) });
}

export function faultsRouter(faults: Faults): Router {
  const router = express.Router();
  router.get('/faults', (_req, res) => void res.json(faults.snapshot()));
  router.post('/faults', (req, res) =>
    withBody(res, parseLinkSpec(req.body, faults.defaultSeed), (spec) => ({ link: faults.addLink(spec) })),
  );
  router.delete('/faults', (_req, res) => void res.json({ ok: true, cleared: faults.clear() }));
  router.delete('/faults/:id', (req, res) => {
    const id = /^\d+$/.test(req.params.id) ? Number(req.params.id) : NaN;
    if (!faults.removeLink(id))
      return void res
        .status(404)
        .json({ ok: false, error: `No degraded link #${req.params.id.slice(0, 40)} (GET /__mock/faults lists them)` });
    res.json({ ok: true, removed: id });
  });
  router.post('/disconnect', (req, res) =>
    withBody(res, parseDisconnectSpec(req.body), (spec) => ({ ...spec, closed: faults.disconnect(spec) })),
  );
  router.post('/outage', (req, res) =>
    withBody(res, parseOutageSpec(req.body), (spec) => {
      const closed = faults.outage(spec);
      return { outage: faults.snapshot().outage, closed };
    }),
  );
  router.delete('/outage', (_req, res) => void res.json({ ok: true, ended: faults.endOutage() }));
  router.post('/stall', (req, res) =>
    withBody(res, parseStallSpec(req.body), (spec) => {
      const stalled = faults.stall(spec);
      return { stall: faults.snapshot().stall, stalled };
    }),
  );
  router.delete('/stall', (_req, res) => void res.json({ ok: true, ended: faults.endStall() }));
  return router;
}
