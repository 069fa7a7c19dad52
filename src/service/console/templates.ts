/**
 * The console's pages as eta templates, kept in code (not files) so the built package and the
 * CLI bundle carry them. `<%= %>` escapes (autoEscape); `<%~ %>` is used only for other templates'
 * output. Accessibility: a skip link, landmarks, a label on every input, captions and header
 * cells on tables, visible focus (styles.ts).
 */
export const TEMPLATES: Record<string, string> = {
  '@layout': `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.title %> · profile-projector console</title>
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/console/">profile-projector</a>
  <% if (it.session) { %>
  <nav aria-label="Console">
    <ul>
      <li><a href="/console/" <%~ it.nav === 'search' ? 'aria-current="page"' : '' %>>Search</a></li>
      <li><a href="/console/queues" <%~ it.nav === 'queues' ? 'aria-current="page"' : '' %>>Queues</a></li>
      <% if (it.session.operate) { %>
      <li><a href="/console/operate" <%~ it.nav === 'operate' ? 'aria-current="page"' : '' %>>Quarantine</a></li>
      <li><a href="/console/access-log" <%~ it.nav === 'access' ? 'aria-current="page"' : '' %>>Access log</a></li>
      <% } %>
    </ul>
  </nav>
  <form method="post" action="/console/sign-out">
    <span class="who">Signed in as <strong><%= it.session.name %></strong> (<%= it.session.scopes %>)</span>
    <input type="hidden" name="csrf" value="<%= it.session.csrf %>">
    <button class="secondary" type="submit">Sign out</button>
  </form>
  <% } %>
</header>
<main id="main">
<%~ it.body %>
</main>
</body>
</html>`,

  '@sign-in': `<div class="signin">
<h1>Sign in</h1>
<p>Sign in with your API token. Nothing about any customer is shown before.</p>
<% if (it.error) { %><p class="notice error" role="alert"><%= it.error %></p><% } %>
<form method="post" action="/console/sign-in">
  <label for="token">API token</label>
  <input id="token" name="token" type="password" autocomplete="off" required autofocus>
  <button type="submit">Sign in</button>
</form>
</div>`,

  '@home': `<h1>Find a subject</h1>
<form class="inline" method="get" action="/console/search" role="search">
  <label for="q">Id or reference
    <input id="q" name="q" type="search" value="<%= it.q %>" placeholder="act_…, inq_…, case_…, up_… or your reference id" required autofocus>
  </label>
  <button type="submit">Search</button>
</form>
<% if (it.message) { %><p class="notice warn" role="status"><%= it.message %></p><% } %>
<% if (it.matches) { %>
<table>
  <caption><%= it.matches.length %> subject<%= it.matches.length === 1 ? '' : 's' %> with reference <%= it.q %></caption>
  <thead><tr><th scope="col">Subject</th><th scope="col">Vendor</th><th scope="col">Status</th><th scope="col">Updated</th></tr></thead>
  <tbody>
  <% for (const m of it.matches) { %>
    <tr><td><a href="<%= m.href %>"><%= m.kind %> <%= m.id %></a></td><td><%= m.source %></td><td><%= m.status %></td><td class="nowrap"><%= m.updatedAt %></td></tr>
  <% } %>
  </tbody>
</table>
<% } %>
<p class="muted">A Persona reference-id or an AiPrise client_reference_id finds the person across both vendors.</p>`,

  '@subject': `<h1><%= it.kind %> <%= it.id %></h1>
<% if (it.redacted) { %><p class="notice warn">This subject is redacted: its personal data is gone everywhere.</p><% } %>
<% if (!it.pii) { %><p class="muted">Personal data is masked ([redacted]): your token does not have the read:pii scope.</p><% } %>
<% if (it.exports) { %>
<p>Case file: <a href="<%= it.exports.json %>">JSON</a> · <a href="<%= it.exports.csv %>">CSV</a> · <a href="<%= it.exports.pdf %>">PDF</a></p>
<% } %>
<div class="cols">
<section aria-labelledby="state-h">
  <h2 id="state-h">State<%= it.asOf ? ' as of ' + it.asOf : ' now' %></h2>
  <form class="inline" method="get" action="<%= it.self %>">
    <label for="asOf">State as of (ISO time)
      <input id="asOf" name="asOf" type="text" value="<%= it.asOf %>" placeholder="2026-01-05T12:00:00Z">
    </label>
    <% for (const [k, v] of it.keep) { %><input type="hidden" name="<%= k %>" value="<%= v %>"><% } %>
    <button type="submit">Show</button>
    <% if (it.asOf) { %><a href="<%= it.nowHref %>">Now</a><% } %>
  </form>
  <% if (it.state) { %>
  <table class="fixed state">
    <caption>Fields</caption>
    <thead><tr><th scope="col">Field</th><th scope="col">Value</th></tr></thead>
    <tbody>
    <% for (const r of it.state) { %>
      <tr><th scope="row"><%= r.field %></th><td><% if (r.block) { %><pre><%= r.value %></pre><% } else { %><%= r.value %><% } %></td></tr>
    <% } %>
    </tbody>
  </table>
  <% } else { %><p>No state at that time.</p><% } %>
</section>
<section aria-labelledby="timeline-h">
  <h2 id="timeline-h">Timeline</h2>
  <form class="inline" method="get" action="<%= it.self %>" aria-label="Filter the timeline">
    <label for="types">Event types (globs, comma-separated)
      <input id="types" name="types" type="text" value="<%= it.filters.types %>" placeholder="inquiry.*, TICKET_*">
    </label>
    <label for="actor">Actor
      <input id="actor" name="actor" type="text" value="<%= it.filters.actor %>" placeholder="*@acme.example">
    </label>
    <label for="from">From (ISO time)
      <input id="from" name="from" type="text" value="<%= it.filters.from %>">
    </label>
    <label for="to">To (ISO time)
      <input id="to" name="to" type="text" value="<%= it.filters.to %>">
    </label>
    <label for="limit">Per page
      <select id="limit" name="limit">
        <% for (const n of ['10', '25', '50', '100']) { %><option value="<%= n %>" <%~ it.filters.limit === n ? 'selected' : '' %>><%= n %></option><% } %>
      </select>
    </label>
    <label for="order">Order
      <select id="order" name="order">
        <option value="asc" <%~ it.filters.order === 'asc' ? 'selected' : '' %>>Oldest first</option>
        <option value="desc" <%~ it.filters.order === 'desc' ? 'selected' : '' %>>Newest first</option>
      </select>
    </label>
    <label class="check" for="related"><input id="related" name="related" type="checkbox" value="1" <%~ it.filters.related ? 'checked' : '' %>> Related subjects</label>
    <% if (it.asOf) { %><input type="hidden" name="asOf" value="<%= it.asOf %>"><% } %>
    <button type="submit">Apply</button>
    <a href="<%= it.self %>">Clear</a>
  </form>
  <% if (it.error) { %><p class="notice error" role="alert"><%= it.error %></p><% } %>
  <table class="fixed timeline">
    <caption><%= it.entries.length %> entr<%= it.entries.length === 1 ? 'y' : 'ies' %><%= it.pageNote %></caption>
    <thead><tr><th scope="col">Occurred</th><th scope="col">Event</th><th scope="col">Actor</th><th scope="col">What changed</th></tr></thead>
    <tbody>
    <% for (const e of it.entries) { %>
      <tr>
        <td class="nowrap"><time datetime="<%= e.iso %>"><%= e.occurredAt %></time><br><span class="muted">recorded <%= e.recordedAt %></span></td>
        <td><strong><%= e.type %></strong><br><span class="muted"><%= e.source %> · <code><%= e.eventId %></code></span>
          <% if (e.subject) { %><br><span class="muted">on <a href="<%= e.subject.href %>"><%= e.subject.kind %> <%= e.subject.id %></a></span><% } %></td>
        <td><%= e.actor %></td>
        <td><%= e.summary %>
          <% if (e.changes.length) { %>
          <details><summary><%= e.changes.length %> change<%= e.changes.length === 1 ? '' : 's' %></summary>
          <ul class="changes">
            <% for (const c of e.changes) { %><li><code><%= c.path %></code>: <span class="before"><%= c.before %></span> → <span class="after"><%= c.after %></span></li><% } %>
          </ul></details>
          <% } %>
        </td>
      </tr>
    <% } %>
    </tbody>
  </table>
  <nav class="pager" aria-label="Timeline pages">
    <% if (it.firstHref) { %><a href="<%= it.firstHref %>">First page</a><% } %>
    <% if (it.nextHref) { %><a href="<%= it.nextHref %>" rel="next">Next page</a><% } else { %><span class="muted">End of timeline</span><% } %>
  </nav>
</section>
</div>`,

  '@queue': `<% if (it.rows.length === 0) { %><p class="muted">Empty.</p><% } else { %>
<table>
  <caption><%= it.caption %> (<%= it.rows.length %>)</caption>
  <thead><tr><th scope="col">Subject</th><th scope="col">Details</th><th scope="col">Updated</th></tr></thead>
  <tbody>
  <% for (const r of it.rows) { %><tr><td><a href="<%= r.href %>"><%= r.kind %> <%= r.id %></a></td><td><%= r.detail %></td><td class="nowrap"><%= r.updatedAt %></td></tr><% } %>
  </tbody>
</table><% } %>`,

  '@queues': `<h1>Queues</h1>
<h2 id="aml">Open AML hits</h2>
<%~ include('@queue', { caption: 'Open AML hits', rows: it.amlHits }) %>
<h2 id="sla">Cases past their SLA</h2>
<%~ include('@queue', { caption: 'Cases past SLA', rows: it.casesPastSla }) %>
<h2 id="review">Waiting for review</h2>
<%~ include('@queue', { caption: 'Inquiries and profiles waiting for review', rows: it.review }) %>
<h2 id="tags">Accounts by tag</h2>
<form class="inline" method="get" action="/console/queues#tags">
  <label for="tag">Tag <input id="tag" name="tag" type="text" value="<%= it.tag %>" placeholder="VIP_CLIENT"></label>
  <button type="submit">Show</button>
</form>
<%~ include('@queue', { caption: it.tag ? 'Accounts tagged ' + it.tag : 'Accounts by tag', rows: it.accountsByTag }) %>`,

  '@operate': `<h1>Quarantine and parked events</h1>
<p>Quarantine: deliveries whose signature was valid but whose body did not parse or validate. Replay runs them through intake again (after a fix).</p>
<% if (it.results) { %>
<div class="notice <%= it.results.failed ? 'warn' : 'ok' %>" role="status">
  <p>Replayed <%= it.results.total %>: <%= it.results.summary %></p>
</div>
<% } %>
<% if (it.entries.length === 0) { %><p>Nothing is waiting in quarantine.</p><% } else { %>
<form method="post" action="/console/operate/replay">
  <input type="hidden" name="csrf" value="<%= it.csrf %>"><input type="hidden" name="id" value="all">
  <button type="submit">Replay all pending</button>
</form>
<table>
  <caption><%= it.entries.length %> pending</caption>
  <thead><tr><th scope="col">Id</th><th scope="col">Vendor</th><th scope="col">Received</th><th scope="col">Times</th><th scope="col">Reason</th><th scope="col"><span class="muted">Action</span></th></tr></thead>
  <tbody>
  <% for (const q of it.entries) { %>
    <tr><td><code><%= q.id %></code></td><td><%= q.source %></td><td class="nowrap"><%= q.receivedAt %></td><td><%= q.deliveries %></td><td><%= q.reason %></td>
      <td><form method="post" action="/console/operate/replay"><input type="hidden" name="csrf" value="<%= it.csrf %>"><input type="hidden" name="id" value="<%= q.id %>"><button type="submit" aria-label="Replay <%= q.id %>">Replay</button></form></td></tr>
  <% } %>
  </tbody>
</table><% } %>
<%~ include('@parked', { parked: it.parked, csrf: it.csrf }) %>`,

  '@parked': `<h2 id="parked-h">Parked events</h2>
<% if (it.parked.length === 0) { %><p>No event is parked: every projection is applying its streams.</p>
<% } else { %>
<p>Events a projection failed on, set aside so the other streams keep moving; the rest of their stream waits behind them. Replay applies them again (after a fix).</p>
<form method="post" action="/console/operate/replay-parked">
  <input type="hidden" name="csrf" value="<%= it.csrf %>"><input type="hidden" name="id" value="all">
  <button type="submit">Replay all parked</button>
</form>
<table>
  <caption><%= it.parked.length %> parked</caption>
  <thead><tr><th scope="col">Projection</th><th scope="col">Stream, version</th><th scope="col">Event</th><th scope="col">Attempts</th><th scope="col">Last failed</th><th scope="col">Reason</th><th scope="col"><span class="muted">Action</span></th></tr></thead>
  <tbody>
  <% for (const p of it.parked) { %>
    <tr><td><%= p.projection %></td><td><code><%= p.streamId %></code> v<%= p.streamVersion %></td><td><code><%= p.eventId %></code></td><td><%= p.attempts %></td><td class="nowrap"><%= p.lastSeen %></td>
      <td><%= p.blockedBy ? 'waits behind ' + p.blockedBy : p.error %></td>
      <td><form method="post" action="/console/operate/replay-parked"><input type="hidden" name="csrf" value="<%= it.csrf %>"><input type="hidden" name="id" value="<%= p.eventId %>"><button type="submit" aria-label="Replay parked <%= p.eventId %>">Replay</button></form></td></tr>
  <% } %>
  </tbody>
</table><% } %>`,

  '@access-log': `<h1>Access log</h1>
<form class="inline" method="get" action="/console/access-log">
  <label for="subject">Subject (kind:id) <input id="subject" name="subject" type="text" value="<%= it.subject %>" placeholder="user-profile:up_42"></label>
  <label for="token-name">Token name <input id="token-name" name="token" type="text" value="<%= it.token %>"></label>
  <button type="submit">Show</button>
</form>
<% if (it.error) { %><p class="notice error" role="alert"><%= it.error %></p><% } %>
<table>
  <caption><%= it.entries.length %> reads, newest first</caption>
  <thead><tr><th scope="col">At</th><th scope="col">Token</th><th scope="col">Subject</th><th scope="col">What</th><th scope="col">Via</th><th scope="col">From</th></tr></thead>
  <tbody>
  <% for (const e of it.entries) { %><tr><td class="nowrap"><%= e.at %></td><td><%= e.tokenName %></td><td><a href="<%= e.href %>"><%= e.subjectKind %> <%= e.subjectId %></a></td><td><%= e.what %></td><td><%= e.channel %></td><td><%= e.remote %></td></tr><% } %>
  </tbody>
</table>`,

  '@problem': `<h1><%= it.heading %></h1>
<p class="notice <%= it.kind %>" role="alert"><%= it.message %></p>
<p><a href="/console/">Back to search</a></p>`,
};
