package kensa.serve;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/**
 * A facility file as a DOM, edited in place: anything the questionnaire does not know (comments,
 * declaredAnswers, unknown order of attributes) stays as it was. New elements go where facility.xsd's
 * sequences require them, indented like their neighbours. An unanswered field (わからない) is removed, and so
 * is an element left with nothing in it, except a list element, whose emptiness means "none".
 */
final class FacilityDoc {
    private final Document doc;
    private final FacilitySchema schema;

    FacilityDoc(Document doc, FacilitySchema schema) {
        this.doc = doc;
        this.schema = schema;
    }

    /**
     * The version of the file this was read from (a hash of its bytes), or null for a copy being edited: a save
     * carries the version its page showed, and is refused when the file has changed since.
     */
    private String version;

    String version() { return version; }

    FacilityDoc version(String v) {
        this.version = v;
        return this;
    }

    Document document() { return doc; }
    Element root() { return doc.getDocumentElement(); }

    FacilityDoc copy() {
        return new FacilityDoc((Document) doc.cloneNode(true), schema);
    }

    /** The element of this entry in the copy (same position), or the root for the root. */
    Element same(Element e, FacilityDoc copy) {
        List<Integer> steps = new ArrayList<>();
        for (Node n = e; n.getParentNode() != null && n.getParentNode().getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) {
            int i = 0;
            for (Node s = n.getPreviousSibling(); s != null; s = s.getPreviousSibling()) if (s.getNodeType() == Node.ELEMENT_NODE) i++;
            steps.add(0, i);
        }
        Element at = copy.root();
        for (int i : steps) at = elementChildren(at).get(i);
        return at;
    }

    /** The elements at a path of element names from a context ("devices/device"); "" is the context itself. */
    List<Element> elements(Element context, String path) {
        List<Element> current = List.of(context);
        if (path.isEmpty()) return current;
        for (String step : path.split("/")) {
            List<Element> next = new ArrayList<>();
            for (Element e : current) for (Element c : elementChildren(e)) if (step.equals(c.getLocalName())) next.add(c);
            current = next;
        }
        return current;
    }

    /** Every value at a field path from a context: attribute values or element texts. */
    List<String> values(Element context, String path) {
        int at = path.lastIndexOf('@');
        List<String> out = new ArrayList<>();
        if (at >= 0) {
            String elementPath = at == 0 ? "" : path.substring(0, at - 1);
            String attribute = path.substring(at + 1);
            for (Element e : elements(context, elementPath)) if (e.hasAttribute(attribute)) out.add(e.getAttribute(attribute));
        } else {
            for (Element e : elements(context, path)) out.add(e.getTextContent().strip());
        }
        return out;
    }

    /** The one value at a path (the first), or null when unanswered. */
    String value(Element context, String path) {
        List<String> all = values(context, path);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Sets a field, creating the elements on its way; {@code contextPath} is the schema path of the context. */
    void set(Element context, String contextPath, String path, String value) {
        int at = path.lastIndexOf('@');
        if (at >= 0) {
            Element owner = ensure(context, contextPath, at == 0 ? "" : path.substring(0, at - 1));
            owner.setAttribute(path.substring(at + 1), value);
        } else {
            Element e = ensure(context, contextPath, path);
            while (e.getFirstChild() != null) e.removeChild(e.getFirstChild());
            e.appendChild(doc.createTextNode(value));
        }
    }

    /** Removes a field (わからない), and the elements it leaves empty on its way up (never a list element). */
    void remove(Element context, String contextPath, String path) {
        int at = path.lastIndexOf('@');
        Element owner;
        if (at >= 0) {
            List<Element> owners = elements(context, at == 0 ? "" : path.substring(0, at - 1));
            if (owners.isEmpty()) return;
            owner = owners.get(0);
            owner.removeAttribute(path.substring(at + 1));
        } else {
            List<Element> found = elements(context, path);
            if (found.isEmpty()) return;
            Element e = found.get(0);
            owner = (Element) e.getParentNode();
            detach(e);
        }
        // Up to (not including) the context: an element with no attributes and no child elements says nothing.
        String ownerPath = at >= 0 ? join(contextPath, at == 0 ? "" : path.substring(0, at - 1)) : join(contextPath, parentOf(path));
        while (owner != context && owner != root()) {
            FacilitySchema.Field f = schema.field(ownerPath);
            if (f == null || f.list() || owner.hasAttributes() || !elementChildren(owner).isEmpty()) break;
            Element parent = (Element) owner.getParentNode();
            detach(owner);
            owner = parent;
            ownerPath = parentOf(ownerPath);
        }
    }

    /** The list element at a path, created empty if absent. */
    Element ensureList(String listPath) {
        return ensure(root(), "", listPath);
    }

    void removeList(String listPath) {
        for (Element e : elements(root(), listPath)) detach(e);
    }

    /** Appends a new entry element (path "devices/device") to its list, creating the list when absent. */
    Element addEntry(String entryPath) {
        String listPath = parentOf(entryPath);
        Element list = ensureList(listPath);
        Element entry = doc.createElementNS(FacilitySchema.NS, entryPath.substring(entryPath.lastIndexOf('/') + 1));
        insert(list, listPath, entry);
        return entry;
    }

    /** An entry's id (its {@code id} attribute), which stays the same when it is renamed or another entry is removed. */
    static String id(Element entry) {
        return entry.getAttribute("id");
    }

    private static final java.util.regex.Pattern ENTRY_ID = java.util.regex.Pattern.compile("e(\\d{1,9})");

    /**
     * Gives every entry of these lists that has none (a file written by hand, an entry just added) an id of its
     * own, never one used before in the list (the highest so far + 1), so that a page or link addresses the same
     * entry however the list changes. It is written with the next save.
     */
    void ensureIds(List<String> entryPaths) {
        for (String path : entryPaths) {
            List<Element> entries = elements(root(), path);
            java.util.Set<String> used = new java.util.HashSet<>();
            List<Element> missing = new ArrayList<>();
            int highest = 0;
            for (Element e : entries) {
                String id = id(e);
                if (id.matches("[a-z][a-z0-9]{0,15}") && used.add(id)) {
                    java.util.regex.Matcher m = ENTRY_ID.matcher(id);
                    if (m.matches()) highest = Math.max(highest, Integer.parseInt(m.group(1)));
                } else {
                    missing.add(e);
                }
            }
            for (Element e : missing) e.setAttributeNS(null, "id", "e" + ++highest);
        }
    }

    void removeEntry(Element entry) {
        detach(entry);
    }

    private Element ensure(Element context, String contextPath, String path) {
        Element current = context;
        String currentPath = contextPath;
        if (path.isEmpty()) return current;
        for (String step : path.split("/")) {
            Element found = null;
            for (Element c : elementChildren(current)) {
                if (step.equals(c.getLocalName())) {
                    found = c;
                    break;
                }
            }
            if (found == null) {
                found = doc.createElementNS(FacilitySchema.NS, step);
                insert(current, currentPath, found);
            }
            current = found;
            currentPath = join(currentPath, step);
        }
        return current;
    }

    /** Inserts a child where the parent's sequence puts it, indented like its siblings. */
    private void insert(Element parent, String parentPath, Element child) {
        List<String> order = schema.childOrder(parentPath);
        int rank = order.indexOf(child.getLocalName());
        Element before = null;
        for (Element sibling : elementChildren(parent)) {
            if (order.indexOf(sibling.getLocalName()) > rank) {
                before = sibling;
                break;
            }
        }
        String indent = "\n" + "  ".repeat(depth(parent) + 1);
        if (before != null) {
            parent.insertBefore(child, before);
            parent.insertBefore(doc.createTextNode(indent), before);
            return;
        }
        Node last = parent.getLastChild();
        if (last instanceof Text text && text.getData().isBlank()) {
            parent.insertBefore(doc.createTextNode(indent), last);
            parent.insertBefore(child, last);
        } else {
            parent.appendChild(doc.createTextNode(indent));
            parent.appendChild(child);
            parent.appendChild(doc.createTextNode("\n" + "  ".repeat(depth(parent))));
        }
    }

    /** Removes an element with the indentation before it; a parent left with only whitespace becomes empty. */
    private static void detach(Element e) {
        Node parent = e.getParentNode();
        Node previous = e.getPreviousSibling();
        if (previous instanceof Text t && t.getData().isBlank()) parent.removeChild(previous);
        parent.removeChild(e);
        if (parent instanceof Element p && elementChildren(p).isEmpty()) {
            boolean blank = true;
            for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Text t && t.getData().isBlank())) blank = false;
            }
            if (blank) while (p.getFirstChild() != null) p.removeChild(p.getFirstChild());
        }
    }

    private static int depth(Element e) {
        int d = 0;
        for (Node n = e.getParentNode(); n != null && n.getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) d++;
        return d;
    }

    static List<Element> elementChildren(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element e) out.add(e);
        return out;
    }

    static String join(String a, String b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return a + "/" + b;
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
