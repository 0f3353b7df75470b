package dev.ama.model.ari.cbor.internal;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactoryBuilder;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;

/**
 * A {@link CBORFactory} whose byte-array parsers tell the offset of the current token without
 * allocating a location object per token, which the ARI decoder asks for on every item.
 */
public final class OffsetCborFactory extends CBORFactory {
  private static final long serialVersionUID = 1L;

  public OffsetCborFactory(CBORFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected CBORParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
      throws IOException {
    _streamReadConstraints.validateDocumentLength(len);
    return new OffsetParser(
        ctxt,
        _parserFeatures,
        _formatParserFeatures,
        _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures),
        data,
        offset,
        offset + len);
  }

  /** A parser over a byte range that reports token offsets relative to the start of the range. */
  public static final class OffsetParser extends CBORParser {
    private final int start;

    OffsetParser(
        IOContext ctxt,
        int parserFeatures,
        int formatFeatures,
        ByteQuadsCanonicalizer symbols,
        byte[] data,
        int start,
        int end) {
      super(ctxt, parserFeatures, formatFeatures, null, symbols, null, data, start, end, false);
      this.start = start;
    }

    /** The offset of the current token's first byte, from the start of the parsed range. */
    public int tokenOffset() {
      return (int) (_tokenInputTotal - start);
    }

    /** The offset of the next byte to read, from the start of the parsed range. */
    public int inputOffset() {
      return _inputPtr - start;
    }

    /** Converts an absolute offset reported by Jackson to one relative to the parsed range. */
    public long relative(long absoluteOffset) {
      return absoluteOffset < 0 ? absoluteOffset : absoluteOffset - start;
    }
  }
}
