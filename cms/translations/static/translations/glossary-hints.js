/*
 * Approved glossary terms beside the segments of wagtail-localize's translation editor.
 *
 * The editor is a React component whose markup carries no segment ids. It renders the segments of its props
 * grouped by field and block, in order, each string segment's source as the first paragraph of its list item.
 * So the n-th string segment with a given source text is the n-th such paragraph with that text. The hints
 * (#glossary-hints, by segment id) are placed after those paragraphs, again whenever React re-renders.
 */
(function () {
    'use strict';

    const hintsElement = document.getElementById('glossary-hints');
    const editor = document.querySelector('.js-translation-editor');
    if (!hintsElement || !editor || !editor.dataset.props) {
        return;
    }
    const hints = JSON.parse(hintsElement.textContent);
    if (!Object.keys(hints.segments).length) {
        return;
    }

    function renderOrder(segments) {
        const groups = new Map();
        segments.forEach(function (segment) {
            const key = segment.location.field + '/' + (segment.location.blockId || 'null');
            if (!groups.has(key)) {
                groups.set(key, []);
            }
            groups.get(key).push(segment);
        });
        return Array.from(groups.values()).flat();
    }

    // [source text, occurrence among string segments with that text, segment id]
    const wanted = [];
    const seen = new Map();
    renderOrder(JSON.parse(editor.dataset.props).segments).forEach(function (segment) {
        if (segment.type !== 'string') {
            return;
        }
        const occurrence = seen.get(segment.source) || 0;
        seen.set(segment.source, occurrence + 1);
        if (hints.segments[segment.id]) {
            wanted.push([segment.source, occurrence, segment.id]);
        }
    });

    function element(tag, className, text, lang) {
        const node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text) {
            node.textContent = text;
        }
        if (lang) {
            node.lang = lang;
            node.dir = 'auto';
        }
        return node;
    }

    function renderHint(segmentId, uses) {
        const hint = element('div', 'glossary-hint');
        hint.setAttribute('role', 'note');
        hint.dataset.segmentId = segmentId;
        hint.appendChild(element('span', 'glossary-hint__title', hints.labels.title));
        const list = element('ul');
        uses.forEach(function (use) {
            const item = element('li', 'glossary-hint__term');
            item.appendChild(element('span', 'glossary-hint__source', use.source, hints.sourceLanguage));
            item.appendChild(document.createTextNode(' → '));
            if (use.approved) {
                item.appendChild(element('strong', 'glossary-hint__approved', use.approved, hints.language));
                if (use.kept) {
                    item.appendChild(document.createTextNode(' '));
                    item.appendChild(element('span', 'glossary-hint__kept', hints.labels.kept.replace('%(text)s', use.kept)));
                }
            } else {
                item.appendChild(element('span', 'glossary-hint__missing', hints.labels.missing));
            }
            list.appendChild(item);
        });
        hint.appendChild(list);
        return hint;
    }

    function annotate() {
        const sources = new Map();
        editor.querySelectorAll('li > p').forEach(function (paragraph) {
            if (paragraph.parentElement.firstElementChild !== paragraph && paragraph.previousElementSibling.tagName !== 'H4') {
                return; // only a segment's source paragraph (first, or after its sub-field label)
            }
            const list = sources.get(paragraph.textContent) || [];
            list.push(paragraph);
            sources.set(paragraph.textContent, list);
        });
        wanted.forEach(function ([source, occurrence, segmentId]) {
            const paragraph = (sources.get(source) || [])[occurrence];
            if (!paragraph) {
                return;
            }
            const next = paragraph.nextElementSibling;
            if (next && next.classList.contains('glossary-hint')) {
                return;
            }
            paragraph.after(renderHint(segmentId, hints.segments[segmentId]));
        });
    }

    new MutationObserver(annotate).observe(editor, { childList: true, subtree: true });
    annotate();
})();
