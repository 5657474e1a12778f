package io.kerasish.io.hdf5;

/**
 * How a dataset is stored in the file. Reading maps every numeric HDF5 type onto one of these: 16/32-bit floats
 * read as {@link #FLOAT32}, 64-bit floats as {@link #FLOAT64}, and every integer (8 to 64 bits, signed or not,
 * h5py's boolean enum too) as {@link #INT64}. Writing stores exactly this type.
 */
public enum H5Type {
    /** IEEE 754 single precision, little-endian: every Keras weight. */
    FLOAT32,
    /** IEEE 754 double precision, little-endian; the values still travel as {@code float} in {@link H5Array}. */
    FLOAT64,
    /** Signed 64-bit integer, little-endian: e.g. an optimizer's {@code iterations} counter. */
    INT64
}
