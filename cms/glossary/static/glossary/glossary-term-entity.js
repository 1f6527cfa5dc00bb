// Draftail plugin: link a passage of rich text to a glossary term, chosen in Wagtail's snippet chooser.
(function () {
  const React = window.React;
  const { EditorState, Modifier, RichUtils } = window.DraftJS;
  const ENTITY_TYPE = "GLOSSARY_TERM";

  class GlossaryTermSource extends window.draftail.ModalWorkflowSource {
    getChooserConfig() {
      const urls = (this.props.entityType && this.props.entityType.chooserUrls) || {};
      return {
        url: urls.glossaryTermChooser,
        urlParams: {},
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { id: Number(data.id), label: data.title || data.string || "" };
    }

    onChosen(data) {
      const { editorState, onComplete } = this.props;
      const content = editorState.getCurrentContent();
      const selection = editorState.getSelection();
      const withEntity = content.createEntity(ENTITY_TYPE, "MUTABLE", this.filterEntityData(data));
      const entityKey = withEntity.getLastCreatedEntityKey();
      let nextState;
      if (selection.isCollapsed()) {
        const inserted = Modifier.insertText(withEntity, selection, this.filterEntityData(data).label, null, entityKey);
        nextState = EditorState.push(editorState, inserted, "insert-characters");
      } else {
        nextState = RichUtils.toggleLink(editorState, selection, entityKey);
      }
      this.workflow.close();
      onComplete(nextState);
    }
  }

  function GlossaryTermDecorator(props) {
    const data = props.contentState.getEntity(props.entityKey).getData();
    return React.createElement(
      "span",
      { className: "glossary-term-entity", title: data.label ? "Glossary: " + data.label : "Glossary term" },
      props.children,
    );
  }

  window.draftail.registerPlugin({ type: ENTITY_TYPE, source: GlossaryTermSource, decorator: GlossaryTermDecorator }, "entityTypes");
})();
