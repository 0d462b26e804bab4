/**
 * Large generated inputs for the output-pinning tests: varied MessageML (text styles, links,
 * entities, tables, lists, cards, code with newlines, forms, escapes) and varied PresentationML
 * (entities, blocks, markup the lenient reader must recover from), repeated to a given size.
 */

/** One block of MessageML per index; `i` varies names, ids and text so no two blocks are equal. */
function messageMlBlock(i: number): string {
  const n = i % 7;
  switch (n) {
    case 0:
      return `<p>Hello <b>world ${i}</b> &amp; <i>friends</i>, see <a href="https://example.org/${i}">this</a> <hash tag="news${i}"/> <cash tag="TSLA"/></p>`;
    case 1:
      return `<table><thead><tr><td colspan="2">head ${i}</td></tr></thead><tbody><tr><td>a &lt;b&gt;</td><td rowspan="1">"q"</td></tr></tbody></table><ul><li>one</li><li>two ${i}</li></ul><ol><li>x</li></ol>`;
    case 2:
      return `<card iconSrc="https://example.org/i.png" accent="tempo-bg-color--blue"><header>Card ${i}</header><body><span class="tempo-text-color--red">red</span> text<br/>next line</body></card>`;
    case 3:
      return `<pre>line one\nline two ${i}\n\n  indented</pre><code>x = ${i};\ny</code><p>multi\n\nline\ntext</p><hr/>`;
    case 4:
      return `<p><mention uid="123456"/> and <mention email="test@symphony.com"/> <emoji shortcode="smile"/> <emoji shortcode="unknown_${i}"/></p>`;
    case 5:
      return `<form id="f${i}"><text-field name="t" label="Name" placeholder="p">init ${i}</text-field><checkbox name="c" value="v">Yes</checkbox><select name="s"><option value="a" selected="true">A</option><option value="b">B</option></select><button name="go">Go</button></form>`;
    default:
      return `<div class="entity" data-entity-id="obj"><b>structured ${i}</b></div><expandable-card state="collapsed"><header>h</header><body>b ${i}</body></expandable-card><h2>Title ${i}</h2>`;
  }
}

export const LARGE_DATA = {
  obj: { type: "com.example.thing", version: "1.0", id: [{ type: "com.example.id", value: "x" }] },
};

export function largeMessageML(minChars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < minChars; i++) {
    const block = messageMlBlock(i);
    parts.push(block);
    length += block.length;
  }
  return `<messageML>${parts.join("")}</messageML>`;
}

/** One block of PresentationML as the datafeed might deliver it, including some broken markup. */
function presentationBlock(i: number): string {
  const n = i % 6;
  switch (n) {
    case 0:
      return `<p><span class="entity" data-entity-id="0">@Jane Doe</span> look at <span class="entity" data-entity-id="1">$TSLA</span> and <span class="entity" data-entity-id="2">#review</span> item ${i} &amp; more &lt;b&gt;</p>`;
    case 1:
      return `<table><thead><tr><th>h${i}</th></tr></thead><tbody><tr><td>a</td><td><b>b</b></td></tr></tbody></table><ul><li>one <i>it</i></li><li><p>two</p></li></ul>`;
    case 2:
      return `<div class="card"><div class="cardHeader">head ${i}</div><div class="cardBody">body<br/>x</div></div><blockquote>quoted ${i}</blockquote>`;
    case 3:
      return `<pre data-language="ts">const x = ${i};\n  y &lt; 2</pre><code>inline</code> <a href="https://example.com/${i}">link</a><img src="https://example.com/i.png"/>`;
    case 4:
      return `<h3>Heading ${i}</h3><p>unclosed <b>bold <i>both</p><p>stray </i></b> close &nbsp; &#x41; &unknown; tail</p><hr/>`;
    default:
      return `<div><span class="entity" data-entity-id="9">missing entity ${i}</span><span class="entity" data-entity-id="3">:smile:</span>  \n  </div>`;
  }
}

export const LARGE_PML_DATA = JSON.stringify({
  "0": {
    id: [{ type: "com.symphony.user.userId", value: "347583113331315" }],
    type: "com.symphony.user.mention",
  },
  "1": {
    id: [{ type: "org.symphonyoss.fin.security.id.ticker", value: "TSLA" }],
    type: "org.symphonyoss.fin.security",
  },
  "2": {
    id: [{ type: "org.symphonyoss.taxonomy.hashtag", value: "review" }],
    type: "org.symphonyoss.taxonomy",
  },
  "3": { type: "com.symphony.emoji", version: "1.0", data: { annotation: "smile", unicode: "😄" } },
});

/** `wellFormed` leaves out the broken blocks, so the reader's fast path handles the whole input. */
export function largePresentationML(minChars: number, wellFormed = false): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < minChars; i++) {
    if (wellFormed && i % 6 === 4) continue;
    const block = presentationBlock(i);
    parts.push(block);
    length += block.length;
  }
  return `<div data-format="PresentationML" data-version="2.0">${parts.join("")}</div>`;
}
