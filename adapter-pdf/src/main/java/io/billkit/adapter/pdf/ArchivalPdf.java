package io.billkit.adapter.pdf;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a finished document into PDF/A-3b: PDF 1.7, an XMP metadata packet written from the document
 * information (so the two always agree, and no clock is read), the sRGB output intent, no {@code CIDSet}
 * in the embedded fonts (optional in PDF/A-2/3, and a common validation failure), and, for Factur-X, the
 * invoice XML as an associated file with the Factur-X XMP extension schema.
 */
final class ArchivalPdf {

    /** The file name Factur-X 1.0 prescribes for the embedded XML. */
    static final String FACTUR_X_FILE = "factur-x.xml";

    private static final String ICC_RESOURCE = "sRGB.icc";

    private ArchivalPdf() {
    }

    static void apply(PDDocument document, Optional<byte[]> facturX) throws IOException {
        document.setVersion(1.7f);
        PDDocumentCatalog catalog = document.getDocumentCatalog();
        removeCidSets(document);
        addOutputIntent(document);
        PDDocumentInformation info = document.getDocumentInformation();
        if (facturX.isPresent()) {
            attachFacturX(document, facturX.get(), info.getCreationDate());
        }
        PDMetadata metadata = new PDMetadata(document,
                new ByteArrayInputStream(xmp(info, facturX.isPresent()).getBytes(StandardCharsets.UTF_8)));
        catalog.setMetadata(metadata);
    }

    private static void addOutputIntent(PDDocument document) throws IOException {
        try (InputStream icc = ArchivalPdf.class.getClassLoader().getResourceAsStream(ICC_RESOURCE)) {
            if (icc == null) {
                throw new IOException("the sRGB ICC profile " + ICC_RESOURCE + " (Mustangproject's) is not on the class path");
            }
            PDOutputIntent intent = new PDOutputIntent(document, icc);
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            document.getDocumentCatalog().addOutputIntent(intent);
        }
    }

    private static void removeCidSets(PDDocument document) throws IOException {
        for (PDPage page : document.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                if (font instanceof PDType0Font && font.getFontDescriptor() != null) {
                    font.getFontDescriptor().getCOSObject().removeItem(COSName.getPDFName("CIDSet"));
                }
            }
        }
    }

    private static void attachFacturX(PDDocument document, byte[] xml, Calendar date) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(xml));
        file.setSubtype("text/xml");
        file.setSize(xml.length);
        file.setCreationDate(date);
        file.setModDate(date);

        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(FACTUR_X_FILE);
        spec.setFileUnicode(FACTUR_X_FILE);
        spec.setFileDescription("Factur-X invoice (EN 16931)");
        spec.setEmbeddedFile(file);
        spec.setEmbeddedFileUnicode(file);
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Alternative");

        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(FACTUR_X_FILE, spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        document.getDocumentCatalog().setNames(names);
        COSArray associated = new COSArray();
        associated.add(spec);
        document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AF"), associated);
    }

    /** The XMP packet: PDF/A identification, Dublin Core, XMP basic and PDF schemas, Factur-X if embedded. */
    static String xmp(PDDocumentInformation info, boolean facturX) {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n")
                .append("   <pdfaid:part>3</pdfaid:part>\n")
                .append("   <pdfaid:conformance>B</pdfaid:conformance>\n")
                .append("  </rdf:Description>\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
                .append("   <dc:format>application/pdf</dc:format>\n")
                .append("   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(info.getTitle()))
                .append("</rdf:li></rdf:Alt></dc:title>\n")
                .append("   <dc:creator><rdf:Seq><rdf:li>").append(escape(info.getAuthor()))
                .append("</rdf:li></rdf:Seq></dc:creator>\n")
                .append("   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(info.getSubject()))
                .append("</rdf:li></rdf:Alt></dc:description>\n")
                .append("  </rdf:Description>\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
                .append("   <xmp:CreatorTool>").append(escape(info.getCreator())).append("</xmp:CreatorTool>\n")
                .append("   <xmp:CreateDate>").append(date(info.getCreationDate())).append("</xmp:CreateDate>\n")
                .append("   <xmp:ModifyDate>").append(date(info.getModificationDate())).append("</xmp:ModifyDate>\n")
                .append("  </rdf:Description>\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
                .append("   <pdf:Producer>").append(escape(info.getProducer())).append("</pdf:Producer>\n")
                .append("  </rdf:Description>\n");
        if (facturX) {
            x.append("  <rdf:Description rdf:about=\"\" xmlns:fx=\"").append(FX_NAMESPACE).append("\">\n")
                    .append("   <fx:DocumentType>INVOICE</fx:DocumentType>\n")
                    .append("   <fx:DocumentFileName>").append(FACTUR_X_FILE).append("</fx:DocumentFileName>\n")
                    .append("   <fx:Version>1.0</fx:Version>\n")
                    .append("   <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>\n")
                    .append("  </rdf:Description>\n")
                    .append(FX_EXTENSION_SCHEMA);
        }
        x.append(" </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        return x.toString();
    }

    private static final String FX_NAMESPACE = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

    private static final String FX_EXTENSION_SCHEMA = """
              <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
               <pdfaExtension:schemas>
                <rdf:Bag>
                 <rdf:li rdf:parseType="Resource">
                  <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                  <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
                  <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                  <pdfaSchema:property>
                   <rdf:Seq>
            %s%s%s%s       </rdf:Seq>
                  </pdfaSchema:property>
                 </rdf:li>
                </rdf:Bag>
               </pdfaExtension:schemas>
              </rdf:Description>
            """.formatted(
            property("DocumentFileName", "The name of the embedded XML document"),
            property("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER"),
            property("Version", "The actual version of the standard applying to the embedded XML document"),
            property("ConformanceLevel", "The conformance level of the embedded XML document"));

    private static String property(String name, String description) {
        return "        <rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>" + name
                + "</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>"
                + "<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>" + description
                + "</pdfaProperty:description></rdf:li>\n";
    }

    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private static String date(Calendar calendar) {
        return XMP_DATE.format(
                ((GregorianCalendar) calendar).toZonedDateTime().withZoneSameInstant(ZoneOffset.UTC));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

}
