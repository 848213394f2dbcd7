package io.billkit.adapter.pdf;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document's logical structure (a tagged PDF): every piece of text is a marked-content sequence
 * with its own {@code P} structure element under one {@code Document} element, in drawing order (which
 * is reading order: header, lines, totals, footer); the logo is a {@code Figure} with alternate text;
 * rules, fills and the page footer are {@code Artifact}s. {@link #finish()} writes the parent tree
 * that maps every page's marked content back to its structure element, {@code /MarkInfo} and the
 * document language.
 */
final class DocumentTags {

    private final PDDocument document;
    private final PDStructureTreeRoot root;
    private final PDStructureElement body;
    private final Map<PDPage, List<PDStructureElement>> marked = new LinkedHashMap<>();

    DocumentTags(PDDocument document) {
        this.document = document;
        this.root = new PDStructureTreeRoot();
        this.body = new PDStructureElement("Document", root);
        root.appendKid(body);
        document.getDocumentCatalog().setStructureTreeRoot(root);
    }

    /** Starts a tagged sequence of type {@code P} (text) or {@code Figure} (with {@code alt} text). */
    void begin(PDPageContentStream stream, PDPage page, String type, String alt) throws IOException {
        List<PDStructureElement> elements = marked.computeIfAbsent(page, p -> new ArrayList<>());
        int mcid = elements.size();
        PDStructureElement element = new PDStructureElement(type, body);
        element.setPage(page);
        if (alt != null) {
            element.setAlternateDescription(alt);
        }
        element.appendKid(mcid);
        body.appendKid(element);
        elements.add(element);
        COSDictionary properties = new COSDictionary();
        properties.setInt(COSName.MCID, mcid);
        stream.beginMarkedContent(COSName.getPDFName(type), PDPropertyList.create(properties));
    }

    /** Starts an artifact: content that is decoration, not part of the document's text. */
    void beginArtifact(PDPageContentStream stream) throws IOException {
        stream.beginMarkedContent(COSName.ARTIFACT);
    }

    void end(PDPageContentStream stream) throws IOException {
        stream.endMarkedContent();
    }

    /** Writes the parent tree, {@code /StructParents} of every page, {@code /MarkInfo} and {@code /Lang}. */
    void finish() {
        Map<Integer, COSObjectable> parents = new HashMap<>();
        int key = 0;
        for (PDPage page : document.getPages()) {
            List<PDStructureElement> elements = marked.getOrDefault(page, List.of());
            COSArray array = new COSArray();
            elements.forEach(array::add);
            page.setStructParents(key);
            parents.put(key, () -> array);
            key++;
        }
        PDNumberTreeNode tree = new PDNumberTreeNode(COSObjectable.class);
        tree.setNumbers(parents);
        root.setParentTree(tree);
        root.setParentTreeNextKey(key);
        PDMarkInfo markInfo = new PDMarkInfo();
        markInfo.setMarked(true);
        document.getDocumentCatalog().setMarkInfo(markInfo);
        document.getDocumentCatalog().setLanguage("en");
    }
}
